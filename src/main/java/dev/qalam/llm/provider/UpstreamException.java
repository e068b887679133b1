package dev.qalam.llm.provider;

import java.time.Duration;

/**
 * A provider's failure, carrying what the client is told: the provider's HTTP status and message, in the
 * OpenAI error shape. {@link UpstreamErrors} decides which of the two subtypes a failure is.
 */
public abstract sealed class UpstreamException extends RuntimeException
        permits RetriableUpstreamException, NonRetriableUpstreamException {

    private final String provider;
    private final int status;
    private final String type;
    private final String code;
    private final Duration retryAfter;

    protected UpstreamException(String provider, int status, String type, String code, String message,
                                Duration retryAfter, Throwable cause) {
        super(message, cause);
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

    /** Whether another attempt (the same model later, or a fallback model) may succeed. */
    public abstract boolean retriable();
}
