package dev.qalam.search;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A hybrid search: the query's words (BM25) and, when the caller embedded the query, its vector, within a
 * scope, for the best {@code limit} chunks.
 *
 * @param text the user's query as typed; analysed by the index (may be empty when a vector is given)
 * @param vector the query embedded by the same model as the chunks; empty for words only
 * @param limit how many hits at most, 1 to {@value #MAX_LIMIT}
 * @param vectorWeight the weight of the vector side in the fused score, 0..1 (the BM25 side has the rest);
 *     empty for the index's default ({@link Fusion}). How much the vector of this query is worth depends on
 *     how well the embedding model reads the query's language: the caller, which knows the model, says.
 */
public record SearchRequest(SearchScope scope, String text, Optional<Embedding> vector, int limit,
        OptionalDouble vectorWeight) {

    public static final int MAX_LIMIT = 200;

    public SearchRequest {
        Objects.requireNonNull(scope, "scope");
        text = text == null ? "" : text;
        vector = vector == null ? Optional.empty() : vector;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        vectorWeight = vectorWeight == null ? OptionalDouble.empty() : vectorWeight;
        if (vectorWeight.isPresent() && !(vectorWeight.getAsDouble() >= 0 && vectorWeight.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("vectorWeight must be 0..1, got " + vectorWeight.getAsDouble());
        }
    }

    /** With the index's default fusion weights. */
    public SearchRequest(SearchScope scope, String text, Optional<Embedding> vector, int limit) {
        this(scope, text, vector, limit, OptionalDouble.empty());
    }

    /** The same search with the vector side weighted {@code weight} (0..1). */
    public SearchRequest withVectorWeight(double weight) {
        return new SearchRequest(scope, text, vector, limit, OptionalDouble.of(weight));
    }

    public static SearchRequest of(SearchScope scope, String text, Embedding vector, int limit) {
        return new SearchRequest(scope, text, Optional.ofNullable(vector), limit);
    }
}
