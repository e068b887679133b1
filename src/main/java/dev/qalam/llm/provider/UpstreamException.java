package dev.qalam.llm.provider;

import java.time.Duration;

/**
 * A provider's failure: the provider's HTTP status (or 502/504 for failures without one), a code and a message.
 * The message is either Qalam's own description (connection failures, timeouts, answers it could not read) or,
 * when {@link #quotesProvider()}, the provider's own words, which may name the operator's account or key and
 * are shown to clients only where they describe the client's request (see {@code dev.qalam.llm.LlmErrors}).
 * {@link UpstreamErrors} decides which of the two subtypes a failure is.
 */
public abstract sealed class UpstreamException extends RuntimeException
        permits RetriableUpstreamException, NonRetriableUpstreamException {

    private final String provider;
    private final int status;
    private final String type;
    private final String code;
    private final Duration retryAfter;
    private final boolean quotesProvider;

    protected UpstreamException(String provider, int status, String type, String code, String message,
                                Duration retryAfter, Throwable cause) {
        this(provider, status, type, code, message, retryAfter, cause, false);
    }

    protected UpstreamException(String provider, int status, String type, String code, String message,
                                Duration retryAfter, Throwable cause, boolean quotesProvider) {
        super(message, cause);
        this.quotesProvider = quotesProvider;
        this.provider = provider;
        this.status = status;
        this.type = type;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    /** The provider's HTTP status; 502/504 for failures that have none (connection refused, timeouts). */
    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** How long the provider asked to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether the message is the provider's own text rather than Qalam's. */
    public boolean quotesProvider() {
        return quotesProvider;
    }

    /** Whether another attempt (the same model later, or a fallback model) may succeed. */
    public abstract boolean retriable();
}
