package dev.qalam.deployment.ratelimit;

import dev.qalam.platform.errors.ApiException;

/**
 * The 429 of the Deployment API: which limit was reached and when to retry. The {@code Retry-After} header
 * comes from {@link ApiException#retryAfter()}; the {@code X-RateLimit-*} headers from the decision, which
 * {@link RateLimitHeadersFilter} writes on every answer.
 */
public class RateLimitExceededException extends ApiException {

    public static final String CODE = "rate_limit_exceeded";

    private final transient RateLimitDecision decision;

    RateLimitExceededException(RateLimitDecision decision) {
        super(429, "rate_limit_error", CODE, message(decision), decision.retryAfter(), null);
        this.decision = decision;
    }

    public RateLimitDecision decision() {
        return decision;
    }

    private static String message(RateLimitDecision d) {
        LimitStatus s = d.reported().orElseThrow();
        return "Rate limit reached for " + s.scope().description() + ": " + s.limit() + " requests per "
                + window(s) + ". Retry after " + Math.max(1, RateLimitDecision.ceilSeconds(d.retryAfter())) + " s.";
    }

    private static String window(LimitStatus s) {
        long seconds = RateLimitDecision.ceilSeconds(s.window());
        if (seconds == 86_400) {
            return "day";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds + " s";
    }
}
