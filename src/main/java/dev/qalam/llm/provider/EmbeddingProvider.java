package dev.qalam.llm.provider;

import java.util.List;
import java.util.Optional;

/** The port for embedding backends: an upstream OpenAI-compatible {@code /embeddings} or the in-process model. */
public interface EmbeddingProvider {

    /** Vectors for {@code inputs}, in order, as the backend produced them (the service truncates and encodes). */
    Embeddings embed(ProviderTarget target, List<String> inputs);

    /** The backend's vector size for this target, or 0 when it is only known from an answer. */
    int dimensions(ProviderTarget target);

    /**
     * The first of {@code inputs} that is longer than the model's context, or empty when they all fit or when
     * only the backend can tell (an upstream refuses such inputs itself). Cheap whatever the inputs' size.
     */
    default Optional<Oversized> firstOversized(ProviderTarget target, List<String> inputs) {
        return Optional.empty();
    }

    record Embeddings(List<float[]> vectors, int promptTokens) {
    }

    /**
     * An input over the model's context of {@code limit} tokens: its position, and its length in tokens (exact,
     * or estimated from its start when it was too long to count cheaply).
     */
    record Oversized(int index, long tokens, boolean exact, int limit) {
    }
}
