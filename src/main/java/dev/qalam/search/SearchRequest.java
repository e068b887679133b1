package dev.qalam.search;

import java.util.Objects;
import java.util.Optional;

/**
 * A hybrid search: the query's words (BM25) and, when the caller embedded the query, its vector, within a
 * scope, for the best {@code limit} chunks.
 *
 * @param text the user's query as typed; analysed by the index (may be empty when a vector is given)
 * @param vector the query embedded by the same model as the chunks; empty for words only
 * @param limit how many hits at most, 1 to {@value #MAX_LIMIT}
 */
public record SearchRequest(SearchScope scope, String text, Optional<Embedding> vector, int limit) {

    public static final int MAX_LIMIT = 200;

    public SearchRequest {
        Objects.requireNonNull(scope, "scope");
        text = text == null ? "" : text;
        vector = vector == null ? Optional.empty() : vector;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    public static SearchRequest of(SearchScope scope, String text, Embedding vector, int limit) {
        return new SearchRequest(scope, text, Optional.ofNullable(vector), limit);
    }
}
