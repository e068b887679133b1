package dev.qalam.llm.api;

import java.util.List;

/**
 * A model as {@code /v1/models} lists it: the fields of docs/api-contract.md, plus {@code avg_latency_ms}, the
 * rolling average latency of this server's recent requests to it (absent until it has served one).
 */
public record ModelObject(String id, String object, long created, String ownedBy, String type, Long avgLatencyMs) {

    public record ModelList(String object, List<ModelObject> data) {
    }
}
