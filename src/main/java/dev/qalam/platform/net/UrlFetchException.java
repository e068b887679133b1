package dev.qalam.platform.net;

import dev.qalam.platform.errors.ApiException;

/**
 * A URL that Qalam would not or could not fetch on a user's behalf. The message is written for the client
 * (it says what to fix and never which internal address a name resolved to); the reason is for callers and
 * tests. Every reason is the client's to fix, so the answer is 400, as the Deployment API documents for URLs
 * that are not "properly formatted and accessible" (docs/deployment-content.md).
 */
public class UrlFetchException extends ApiException {

    /** Why the fetch was refused or failed; each has its own error code. */
    public enum Reason {
        /** Not an absolute http(s) URL with a host, or it carries credentials. */
        INVALID_URL("invalid_url"),
        /** The host is, or resolves to, an address that is not on the public internet. */
        ADDRESS_NOT_ALLOWED("url_not_allowed"),
        /** The host name does not resolve. */
        UNKNOWN_HOST("url_unreachable"),
        /** No connection, a broken one, or an answer that is not HTTP. */
        UNREACHABLE("url_unreachable"),
        /** The connect, read or total time limit passed. */
        TIMEOUT("url_timeout"),
        /** More redirects than allowed. */
        TOO_MANY_REDIRECTS("url_too_many_redirects"),
        /** The body is larger than allowed. */
        TOO_LARGE("url_too_large"),
        /** The server answered with an error status. */
        HTTP_ERROR("url_http_error");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public UrlFetchException(Reason reason, String message) {
        this(reason, message, null);
    }

    public UrlFetchException(Reason reason, String message, Throwable cause) {
        super(400, INVALID_REQUEST, reason.code(), message, null, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
