package dev.qalam.platform.net;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Limits of fetching URLs on a user's behalf; every one has a safe default.
 *
 * @param maxBytes       the largest body accepted ({@code QALAM_FETCH_MAX_MB}, default 20)
 * @param connectTimeout per connection attempt ({@code QALAM_FETCH_CONNECT_TIMEOUT_MS}, default 5,000)
 * @param readTimeout    the longest silence while waiting for data ({@code QALAM_FETCH_READ_TIMEOUT_MS},
 *                       default 10,000)
 * @param totalTimeout   the whole fetch, redirects included ({@code QALAM_FETCH_TIMEOUT_MS}, default 30,000)
 * @param maxRedirects   redirects followed ({@code QALAM_FETCH_MAX_REDIRECTS}, default 5)
 * @param allowHosts     hosts ({@code host} or {@code host:port}, lower case) exempt from the address policy
 *                       ({@code QALAM_FETCH_ALLOW_HOSTS}, default none). For tests that fetch from a server on
 *                       this machine; never set it in production
 */
public record FetchSettings(long maxBytes, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                            int maxRedirects, Set<String> allowHosts) {

    public static final String MAX_MB = "QALAM_FETCH_MAX_MB";
    public static final String CONNECT_TIMEOUT_MS = "QALAM_FETCH_CONNECT_TIMEOUT_MS";
    public static final String READ_TIMEOUT_MS = "QALAM_FETCH_READ_TIMEOUT_MS";
    public static final String TIMEOUT_MS = "QALAM_FETCH_TIMEOUT_MS";
    public static final String MAX_REDIRECTS = "QALAM_FETCH_MAX_REDIRECTS";
    public static final String ALLOW_HOSTS = "QALAM_FETCH_ALLOW_HOSTS";

    public FetchSettings {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_MB + " must be positive");
        }
        for (Duration d : new Duration[] {connectTimeout, readTimeout, totalTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("fetch time limits must be positive");
            }
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException(MAX_REDIRECTS + " must not be negative");
        }
        allowHosts = Set.copyOf(allowHosts);
    }

    public static FetchSettings defaults() {
        return from(name -> Optional.empty());
    }

    /** The settings that {@code lookup} (a config property by name, blank counting as absent) describes. */
    public static FetchSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = name -> lookup.apply(name).map(String::strip).filter(s -> !s.isEmpty());
        double mb = number(get, MAX_MB, 20);
        return new FetchSettings((long) (mb * 1024 * 1024),
                Duration.ofMillis((long) number(get, CONNECT_TIMEOUT_MS, 5_000)),
                Duration.ofMillis((long) number(get, READ_TIMEOUT_MS, 10_000)),
                Duration.ofMillis((long) number(get, TIMEOUT_MS, 30_000)),
                (int) number(get, MAX_REDIRECTS, 5),
                hosts(get.apply(ALLOW_HOSTS).orElse("")));
    }

    /** The same limits with another body size bound. */
    public FetchSettings withMaxBytes(long bytes) {
        return new FetchSettings(bytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, allowHosts);
    }

    /** The same limits with an allow-list, for tests. */
    public FetchSettings withAllowHosts(Set<String> hosts) {
        return new FetchSettings(maxBytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, hosts);
    }

    /** Whether {@code host} (bare, lower case) on {@code port} is on the allow-list. */
    public boolean allows(String host, int port) {
        if (allowHosts.isEmpty()) {
            return false;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return allowHosts.contains(h) || allowHosts.contains(h + ":" + port);
    }

    private static Set<String> hosts(String list) {
        Set<String> hosts = new TreeSet<>();
        for (String item : list.split("[,\\s]+")) {
            if (!item.isBlank()) {
                hosts.add(item.strip().toLowerCase(Locale.ROOT));
            }
        }
        return hosts;
    }

    private static double number(Function<String, Optional<String>> get, String name, double fallback) {
        Optional<String> v = get.apply(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + v.get());
        }
    }
}
