package dev.qalam.platform.jobs;

import java.time.Duration;

/**
 * How a kind of job is retried after a failure that may pass: up to {@code maxRetries} times, the first after
 * {@code firstBackoff}, each next one after twice the wait before it (capped at 2^20 times the first).
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff) {

    public RetryPolicy {
        maxRetries = Math.max(0, maxRetries);
        firstBackoff = firstBackoff.isNegative() ? Duration.ZERO : firstBackoff;
    }

    public static RetryPolicy of(int maxRetries, long firstBackoffSeconds) {
        return new RetryPolicy(maxRetries, Duration.ofSeconds(Math.max(0, firstBackoffSeconds)));
    }

    /** The wait before automatic retry number {@code retryCount + 1}: base, 2 x base, 4 x base, ... */
    public Duration backoff(int retryCount) {
        return firstBackoff.multipliedBy(1L << Math.min(20, Math.max(0, retryCount)));
    }

    /** Whether a job that failed after {@code retryCount} retries may be retried once more. */
    public boolean allowsAnother(int retryCount) {
        return retryCount < maxRetries;
    }
}
