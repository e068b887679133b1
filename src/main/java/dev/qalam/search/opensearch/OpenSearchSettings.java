package dev.qalam.search.opensearch;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shared index lives.
 *
 * @param url {@code OPENSEARCH_URL}, e.g. {@code http://search.internal:9200} (https works too)
 * @param index {@code OPENSEARCH_INDEX}, default {@code qalam-chunks}; the index is named
 *     {@code <index>-v<analysis version>}
 * @param username {@code OPENSEARCH_USERNAME} with {@code OPENSEARCH_PASSWORD}: HTTP basic authentication
 * @param replicas replicas of the index's one shard ({@code OPENSEARCH_REPLICAS}, default 1; 0 for a single node)
 */
public record OpenSearchSettings(URI url, String index, Optional<String> username, Optional<String> password,
        int replicas) {

    public OpenSearchSettings {
        Objects.requireNonNull(url, "url");
        if (index == null || !index.matches("[a-z0-9][a-z0-9_-]{0,200}")) {
            throw new IllegalArgumentException("OPENSEARCH_INDEX must be lower-case letters, digits, - and _, got " + index);
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("OPENSEARCH_REPLICAS must be 0 or more");
        }
    }

    public static OpenSearchSettings of(URI url, String index) {
        return new OpenSearchSettings(url, index, Optional.empty(), Optional.empty(), 1);
    }
}
