package dev.qalam.deployment.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of checking one request against the Deployment API's limits, and the headers that describe it.
 *
 * <p><b>Which limit the headers describe.</b> Several limits apply to one request, but the headers have room
 * for one: they describe the most constrained, so that a client that keeps within them keeps within all.
 * When the request is refused, that is the limit that refused it. Otherwise it is the limit with the fewest
 * requests remaining (on a tie, the one that takes longest to reset). {@code X-RateLimit-Scope} names it
 * ({@code ip}, {@code deployment} or {@code team}).
 *
 * @param allowed    whether the request may proceed
 * @param reported   the limit the headers describe; empty when no limit applies to this request
 * @param retryAfter for a refused request, how long until it could succeed; zero otherwise
 */
public record RateLimitDecision(boolean allowed, Optional<LimitStatus> reported, Duration retryAfter) {

    /** The request property (and servlet request attribute) under which the decision travels to the response. */
    public static final String REQUEST_PROPERTY = RateLimitDecision.class.getName();

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String SCOPE = "X-RateLimit-Scope";
    public static final String RETRY_AFTER = "Retry-After";

    static RateLimitDecision unlimited() {
        return new RateLimitDecision(true, Optional.empty(), Duration.ZERO);
    }

    /**
     * The response headers: {@code X-RateLimit-Limit} (requests per window), {@code X-RateLimit-Remaining},
     * {@code X-RateLimit-Reset} (whole seconds until the limit is whole again, rounded up),
     * {@code X-RateLimit-Scope}, and for a refused request {@code Retry-After} (whole seconds, at least 1).
     */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        reported.ifPresent(s -> {
            h.put(LIMIT, Long.toString(s.limit()));
            h.put(REMAINING, Long.toString(s.remaining()));
            h.put(RESET, Long.toString(ceilSeconds(s.reset())));
            h.put(SCOPE, s.scope().header());
        });
        if (!allowed) {
            h.put(RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
        }
        return h;
    }

    /** The 429 to throw for a refused request. */
    public RateLimitExceededException refusal() {
        if (allowed) {
            throw new IllegalStateException("the request was allowed");
        }
        return new RateLimitExceededException(this);
    }

    /** Throws the 429 when the request was refused. */
    public RateLimitDecision orThrow() {
        if (!allowed) {
            throw refusal();
        }
        return this;
    }

    static long ceilSeconds(Duration d) {
        long ms = Math.max(0, d.toMillis() + (d.toNanosPart() % 1_000_000 > 0 ? 1 : 0));
        return (ms + 999) / 1000;
    }
}
