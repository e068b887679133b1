package dev.qalam.search;

import dev.qalam.platform.errors.ApiException;

/**
 * The index could not do what was asked (the disk failed, OpenSearch cannot be reached or refused the
 * request). Answered 503 {@code search_unavailable}: the client may retry; an ingestion step that gets it
 * fails and is retried by its job.
 */
public class SearchIndexException extends ApiException {

    public SearchIndexException(String message, Throwable cause) {
        super(503, "server_error", "search_unavailable", message, null, cause);
    }
}
