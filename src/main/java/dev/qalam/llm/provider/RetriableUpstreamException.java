package dev.qalam.llm.provider;

import java.time.Duration;

/** 408, 429, 5xx, connection failures and timeouts: worth another attempt or a fallback model. */
public non-sealed class RetriableUpstreamException extends UpstreamException {

    public RetriableUpstreamException(String provider, int status, String type, String code, String message,
                                      Duration retryAfter, Throwable cause) {
        super(provider, status, type, code, message, retryAfter, cause);
    }

    public RetriableUpstreamException(String provider, int status, String type, String code, String message,
                                      Duration retryAfter, Throwable cause, boolean quotesProvider) {
        super(provider, status, type, code, message, retryAfter, cause, quotesProvider);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
