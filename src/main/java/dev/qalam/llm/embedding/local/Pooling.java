package dev.qalam.llm.embedding.local;

import jakarta.json.JsonObject;

/**
 * How one vector is made from a model's per-token vectors, as sentence-transformers' {@code Pooling}
 * module configures it ({@code 1_Pooling/config.json}). all-MiniLM-L6-v2 and most sentence-transformers
 * models use the mean; BGE-style models use the [CLS] vector.
 */
enum Pooling {
    MEAN,
    CLS,
    MAX;

    /** Reads sentence-transformers' pooling config; the mean when it names no mode this class knows. */
    static Pooling fromSentenceTransformersConfig(JsonObject config) {
        if (config.getBoolean("pooling_mode_cls_token", false)) {
            return CLS;
        }
        if (config.getBoolean("pooling_mode_max_tokens", false)) {
            return MAX;
        }
        return MEAN;
    }
}
