package dev.qalam.llm.provider;

import java.time.Duration;

/**
 * A rate limit whose {@code Retry-After} is longer than Qalam's own retry delay: retrying in process would
 * ignore the provider's request, so the retry policy aborts on this type (a fallback model may still serve)
 * and the client receives the 429 with the provider's {@code Retry-After}.
 */
public class RateLimitedUpstreamException extends RetriableUpstreamException {

    public RateLimitedUpstreamException(String provider, String type, String code, String message,
                                        Duration retryAfter) {
        super(provider, 429, type, code, message, retryAfter, null);
    }

    public RateLimitedUpstreamException(String provider, String type, String code, String message,
                                        Duration retryAfter, boolean quotesProvider) {
        super(provider, 429, type, code, message, retryAfter, null, quotesProvider);
    }
}
