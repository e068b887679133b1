package dev.qalam.search.filter;

import dev.qalam.platform.errors.ApiException;

/**
 * A metadata filter the client got wrong: answered 400 {@code invalid_filter} by the platform's exception
 * mapper. The message names where ({@link #path()}, e.g. {@code filter_metadata.bool.must[1].range.date})
 * and what is wrong.
 */
public class InvalidFilterException extends ApiException {

    private final String path;
    private final String reason;

    public InvalidFilterException(String path, String reason) {
        super(400, INVALID_REQUEST, "invalid_filter", path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
