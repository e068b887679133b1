package dev.qalam.deployment.ratelimit;

import dev.qalam.platform.net.TrustedProxies;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Deployment API's rate limits (docs/deployment-rate-limits.md). A count of 0 switches that limit off.
 *
 * @param ipRequests         requests per {@code window} from one client address ({@code QALAM_RATE_IP_REQUESTS},
 *                           default 1,500)
 * @param deploymentRequests requests per {@code window} to one deployment ({@code QALAM_RATE_DEPLOYMENT_REQUESTS},
 *                           default 300)
 * @param window             the window of both ({@code QALAM_RATE_WINDOW_SECONDS}, default 60)
 * @param teamTrialRequests  requests per {@code teamWindow} of a team marked trial, unless the team has its own
 *                           limit ({@code QALAM_RATE_TEAM_TRIAL_REQUESTS}, default 1,000)
 * @param teamWindow         the team's window, aligned to the epoch so that the default day starts at 00:00 UTC
 *                           ({@code QALAM_RATE_TEAM_WINDOW_SECONDS}, default 86,400)
 * @param trustedProxies     whose {@code X-Forwarded-For} is believed ({@code QALAM_TRUSTED_PROXIES}, CIDR list,
 *                           default none)
 * @param redisUrl           where the buckets live when several servers share them ({@code REDIS_URL},
 *                           e.g. {@code redis://host:6379/0}; default: in this process)
 * @param redisPrefix        prepended to every Redis key ({@code QALAM_RATE_REDIS_PREFIX}, default
 *                           {@code qalam:rate:})
 * @param localMaxBuckets    in-process buckets kept at most; the least used go first
 *                           ({@code QALAM_RATE_LOCAL_MAX_BUCKETS}, default 100,000)
 */
public record RateLimitSettings(long ipRequests, long deploymentRequests, Duration window, long teamTrialRequests,
                                Duration teamWindow, TrustedProxies trustedProxies, Optional<String> redisUrl,
                                String redisPrefix, long localMaxBuckets) {

    public static final String IP_REQUESTS = "QALAM_RATE_IP_REQUESTS";
    public static final String DEPLOYMENT_REQUESTS = "QALAM_RATE_DEPLOYMENT_REQUESTS";
    public static final String WINDOW_SECONDS = "QALAM_RATE_WINDOW_SECONDS";
    public static final String TEAM_TRIAL_REQUESTS = "QALAM_RATE_TEAM_TRIAL_REQUESTS";
    public static final String TEAM_WINDOW_SECONDS = "QALAM_RATE_TEAM_WINDOW_SECONDS";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String REDIS_PREFIX = "QALAM_RATE_REDIS_PREFIX";
    public static final String LOCAL_MAX_BUCKETS = "QALAM_RATE_LOCAL_MAX_BUCKETS";

    public RateLimitSettings {
        if (ipRequests < 0 || deploymentRequests < 0 || teamTrialRequests < 0) {
            throw new IllegalArgumentException("rate limit counts must not be negative (0 switches a limit off)");
        }
        if (window.toMillis() < 1 || teamWindow.toMillis() < 1) {
            throw new IllegalArgumentException(WINDOW_SECONDS + " and " + TEAM_WINDOW_SECONDS + " must be positive");
        }
        if (localMaxBuckets < 1) {
            throw new IllegalArgumentException(LOCAL_MAX_BUCKETS + " must be positive");
        }
        redisPrefix = redisPrefix == null ? "" : redisPrefix;
    }

    public static RateLimitSettings defaults() {
        return from(name -> Optional.empty());
    }

    /**
     * The settings that {@code lookup} (a config property by name, blank counting as absent) describes.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static RateLimitSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = name -> lookup.apply(name).map(String::strip).filter(s -> !s.isEmpty());
        return new RateLimitSettings(
                count(get, IP_REQUESTS, 1500),
                count(get, DEPLOYMENT_REQUESTS, 300),
                seconds(get, WINDOW_SECONDS, 60),
                count(get, TEAM_TRIAL_REQUESTS, 1000),
                seconds(get, TEAM_WINDOW_SECONDS, 86_400),
                TrustedProxies.parse(get.apply(TrustedProxies.SETTING).orElse("")),
                get.apply(REDIS_URL),
                lookup.apply(REDIS_PREFIX).orElse("qalam:rate:"),
                count(get, LOCAL_MAX_BUCKETS, 100_000));
    }

    /** Whether buckets are shared through Redis. */
    public boolean shared() {
        return redisUrl.isPresent();
    }

    private static long count(Function<String, Optional<String>> get, String name, long fallback) {
        Optional<String> v = get.apply(name);
        try {
            return v.map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: " + v.get());
        }
    }

    private static Duration seconds(Function<String, Optional<String>> get, String name, long fallback) {
        Optional<String> v = get.apply(name);
        try {
            double s = v.map(Double::parseDouble).orElse((double) fallback);
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number of seconds: " + v.get());
        }
    }

    /** Never prints the Redis password. */
    @Override
    public String toString() {
        return "RateLimitSettings[ip=" + ipRequests + "/" + window.toMillis() + "ms, deployment=" + deploymentRequests
                + "/" + window.toMillis() + "ms, teamTrial=" + teamTrialRequests + "/" + teamWindow.toMillis() + "ms"
                + ", trustedProxies=" + trustedProxies + ", store=" + (shared() ? "redis" : "local") + "]";
    }
}
