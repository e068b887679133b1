package dev.qalam.llm.provider;

import java.util.List;

/** The port for embedding backends: an upstream OpenAI-compatible {@code /embeddings} or the in-process model. */
public interface EmbeddingProvider {

    /** Vectors for {@code inputs}, in order, as the backend produced them (the service truncates and encodes). */
    Embeddings embed(ProviderTarget target, List<String> inputs);

    /** The backend's vector size for this target, or 0 when it is only known from an answer. */
    int dimensions(ProviderTarget target);

    record Embeddings(List<float[]> vectors, int promptTokens) {
    }
}
