package dev.qalam.deployment.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Deployment API's three limits, each its own token bucket: per client address and per deployment
 * ({@code N} requests per window, refilled continuously, so a client that used its allowance regains one
 * request every {@code window / N} rather than all of them at a window boundary), and per team (a fixed window
 * aligned to the epoch: with the default day, the count starts again at 00:00 UTC).
 *
 * <p><b>Independent limits, all-or-nothing consumption.</b> The limits are evaluated independently: reaching any
 * one refuses the request, whatever the others say. A refused request consumes nothing: each limit takes its
 * token in turn (address, deployment, team), and when one refuses, the tokens already taken are given back.
 * Otherwise a client over its own address limit would go on draining its deployment's and team's allowance,
 * which other clients share. Evaluation stops at the first limit that refuses, so the answer names that one
 * and its {@code Retry-After}; another limit may still refuse the retry.
 *
 * <p>When the shared store (Redis) fails, the request is judged by in-process buckets instead and the failure
 * is logged (at most once a minute): rate limits degrade to per-server limits rather than failing the API.
 */
public final class RateLimiter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
    private static final long LOG_PAUSE_NANOS = Duration.ofMinutes(1).toNanos();

    private final RateLimitSettings settings;
    private final BucketStore store;
    private final BucketStore fallback;
    private final TimeMeter clock;
    private final BucketConfiguration ipConfig;
    private final BucketConfiguration deploymentConfig;
    private volatile long lastFailureLog = System.nanoTime() - LOG_PAUSE_NANOS;

    /** A limiter with its store chosen by the settings: Redis when {@code REDIS_URL} is set, else this process. */
    public static RateLimiter create(RateLimitSettings settings) {
        return create(settings, TimeMeter.SYSTEM_MILLISECONDS);
    }

    static RateLimiter create(RateLimitSettings settings, TimeMeter clock) {
        BucketStore local = new LocalBucketStore(settings.localMaxBuckets(), clock);
        if (settings.redisUrl().isEmpty()) {
            return new RateLimiter(settings, local, local, clock);
        }
        return new RateLimiter(settings, new RedisBucketStore(settings.redisUrl().get(), settings.redisPrefix(), clock),
                local, clock);
    }

    RateLimiter(RateLimitSettings settings, BucketStore store, BucketStore fallback, TimeMeter clock) {
        if (!clock.isWallClockBased()) {
            throw new IllegalArgumentException("the team window needs a wall clock");
        }
        this.settings = settings;
        this.store = store;
        this.fallback = fallback;
        this.clock = clock;
        this.ipConfig = perWindow(settings.ipRequests(), settings.window());
        this.deploymentConfig = perWindow(settings.deploymentRequests(), settings.window());
    }

    public RateLimitSettings settings() {
        return settings;
    }

    /** Checks one request and, when it is allowed, counts it against every limit that applies. */
    public RateLimitDecision acquire(RateLimitRequest request) {
        if (store == fallback) {
            return acquire(request, store);
        }
        try {
            return acquire(request, store);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastFailureLog >= LOG_PAUSE_NANOS) {
                lastFailureLog = now;
                LOG.log(Level.WARNING, "Rate limits: the shared store (Redis) failed; limiting per server until it is back", e);
            }
            return acquire(request, fallback);
        }
    }

    private RateLimitDecision acquire(RateLimitRequest request, BucketStore buckets) {
        List<Check> checks = checks(request);
        List<Taken> taken = new ArrayList<>(checks.size());
        for (Check check : checks) {
            Bucket bucket = buckets.bucket(check.key(), check.config(), check.idle(), check.sliding());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                giveBack(taken);
                Duration retry = check.fixedWindow() ? check.untilWindowEnd()
                        : Duration.ofNanos(probe.getNanosToWaitForRefill());
                LimitStatus status = new LimitStatus(check.scope(), check.limit(), 0, check.window(),
                        check.fixedWindow() ? check.untilWindowEnd() : Duration.ofNanos(probe.getNanosToWaitForReset()));
                return new RateLimitDecision(false, Optional.of(status), retry);
            }
            taken.add(new Taken(bucket, new LimitStatus(check.scope(), check.limit(), probe.getRemainingTokens(),
                    check.window(), check.fixedWindow() ? check.untilWindowEnd()
                    : Duration.ofNanos(probe.getNanosToWaitForReset()))));
        }
        if (taken.isEmpty()) {
            return RateLimitDecision.unlimited();
        }
        LimitStatus reported = taken.stream().map(Taken::status)
                .min(Comparator.comparingLong(LimitStatus::remaining)
                        .thenComparing(LimitStatus::reset, Comparator.reverseOrder()))
                .orElseThrow();
        return new RateLimitDecision(true, Optional.of(reported), Duration.ZERO);
    }

    private List<Check> checks(RateLimitRequest r) {
        List<Check> checks = new ArrayList<>(3);
        Duration window = settings.window();
        String windowTag = "/" + window.toMillis() + ":";
        if (settings.ipRequests() > 0) {
            checks.add(new Check(LimitScope.IP, "ip:" + settings.ipRequests() + windowTag + r.clientAddress(),
                    settings.ipRequests(), ipConfig, window, false, Duration.ZERO));
        }
        if (settings.deploymentRequests() > 0) {
            checks.add(new Check(LimitScope.DEPLOYMENT, "deployment:" + settings.deploymentRequests() + windowTag
                    + r.teamId() + "/" + r.deploymentId(), settings.deploymentRequests(), deploymentConfig, window,
                    false, Duration.ZERO));
        }
        OptionalLong teamLimit = r.team().limit(settings.teamTrialRequests());
        if (teamLimit.isPresent()) {
            long limit = teamLimit.getAsLong();
            long length = settings.teamWindow().toNanos();
            long now = clock.currentTimeNanos();
            long index = Math.floorDiv(now, length);
            Duration untilEnd = Duration.ofNanos((index + 1) * length - now);
            // The key names the window: a new window is a new, full bucket, whenever it is first used.
            checks.add(new Check(LimitScope.TEAM, "team:" + limit + "/" + settings.teamWindow().toMillis() + ":"
                    + r.teamId() + ":" + index, limit,
                    BucketConfiguration.builder().addLimit(b -> b.capacity(limit).refillIntervally(limit,
                            settings.teamWindow())).build(), settings.teamWindow(), true, untilEnd));
        }
        return checks;
    }

    private void giveBack(List<Taken> taken) {
        for (Taken t : taken) {
            try {
                t.bucket().addTokens(1);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Rate limits: could not give a token back", e);
            }
        }
    }

    private static BucketConfiguration perWindow(long requests, Duration window) {
        if (requests <= 0) {
            return null;
        }
        return BucketConfiguration.builder().addLimit(b -> b.capacity(requests).refillGreedy(requests, window)).build();
    }

    @Override
    public void close() {
        store.close();
        if (fallback != store) {
            fallback.close();
        }
    }

    /**
     * One limit to check: its bucket key, which names the limit and window so that a changed setting or a team's
     * new limit starts a fresh bucket instead of fighting over the old one's configuration.
     */
    private record Check(LimitScope scope, String key, long limit, BucketConfiguration config, Duration window,
                         boolean fixedWindow, Duration untilWindowEnd) {
        Duration idle() {
            return fixedWindow ? untilWindowEnd : window;
        }

        boolean sliding() {
            return !fixedWindow;
        }
    }

    private record Taken(Bucket bucket, LimitStatus status) {
    }
}
