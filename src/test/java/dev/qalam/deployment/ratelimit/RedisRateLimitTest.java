package dev.qalam.deployment.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.net.TrustedProxies;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two limiters on one real Redis (the one every machine of this kind runs on 127.0.0.1:6379, or
 * {@code QALAM_TEST_REDIS_URL}) stand for two servers: together they allow exactly what one limit allows,
 * however their requests interleave. Every key lives under a prefix of this run and is deleted afterwards.
 */
class RedisRateLimitTest {

    static final String REDIS_URL = Optional.ofNullable(System.getenv("QALAM_TEST_REDIS_URL"))
            .orElse("redis://127.0.0.1:6379/0");
    static final String PREFIX = "qalam-test-d1:" + UUID.randomUUID() + ":";

    static RedisClient admin;
    static StatefulRedisConnection<String, String> adminConnection;

    @BeforeAll
    static void connect() {
        admin = RedisClient.create(REDIS_URL);
        adminConnection = admin.connect();
    }

    @AfterAll
    static void cleanUp() {
        RedisCommands<String, String> redis = adminConnection.sync();
        List<String> keys = keys(redis);
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
        adminConnection.close();
        admin.shutdown();
    }

    static List<String> keys(RedisCommands<String, String> redis) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(PREFIX + "*").limit(500));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    static RateLimiter server(String redisUrl, long ip, long deployment, long team) {
        return RateLimiter.create(new RateLimitSettings(ip, deployment, Duration.ofHours(1), team, Duration.ofHours(1),
                TrustedProxies.none(), Optional.of(redisUrl), PREFIX, 1000));
    }

    /** Sends {@code attempts} requests from each of {@code threads} threads on each server; counts the allowed. */
    static int allowed(List<RateLimiter> servers, RateLimitRequest request, int threads, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size() * threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (RateLimiter server : servers) {
                for (int t = 0; t < threads; t++) {
                    tasks.add(() -> {
                        int ok = 0;
                        for (int i = 0; i < attempts; i++) {
                            ok += server.acquire(request).allowed() ? 1 : 0;
                        }
                        return ok;
                    });
                }
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoServersShareOneDeploymentLimitExactly() throws Exception {
        try (RateLimiter a = server(REDIS_URL, 10_000, 10, 0); RateLimiter b = server(REDIS_URL, 10_000, 10, 0)) {
            RateLimitRequest r = new RateLimitRequest("198.51.100.7", "team-shared", "dep-shared", TeamQuota.unlimited());
            assertEquals(10, allowed(List.of(a, b), r, 4, 10));
            RateLimitDecision refused = b.acquire(r);
            assertFalse(refused.allowed());
            assertEquals(LimitScope.DEPLOYMENT, refused.reported().orElseThrow().scope());
            // 10 per hour: one request comes back every 6 minutes.
            assertTrue(refused.retryAfter().compareTo(Duration.ofMinutes(5)) > 0, refused.retryAfter().toString());
        }
    }

    @Test
    void twoServersShareOneTeamLimitAndOneAddressLimit() throws Exception {
        try (RateLimiter a = server(REDIS_URL, 10_000, 10_000, 7); RateLimiter b = server(REDIS_URL, 10_000, 10_000, 7)) {
            RateLimitRequest trial = new RateLimitRequest("198.51.100.8", "team-trial", "dep-t", TeamQuota.trialDefault());
            assertEquals(7, allowed(List.of(a, b), trial, 3, 5));
        }
        try (RateLimiter a = server(REDIS_URL, 5, 10_000, 0); RateLimiter b = server(REDIS_URL, 5, 10_000, 0)) {
            RateLimitRequest r = new RateLimitRequest("198.51.100.9", "team-ip", "dep-ip", TeamQuota.unlimited());
            assertEquals(3, allowed(List.of(a), r, 1, 3));
            assertEquals(2, allowed(List.of(b), r, 1, 10), "the second server sees what the first consumed");
        }
    }

    @Test
    void keysExpireOnTheirOwn() {
        try (RateLimiter a = server(REDIS_URL, 10, 10, 0)) {
            a.acquire(new RateLimitRequest("198.51.100.10", "team-ttl", "dep-ttl", TeamQuota.unlimited()));
        }
        RedisCommands<String, String> redis = adminConnection.sync();
        List<String> keys = keys(redis).stream().filter(k -> k.contains("198.51.100.10") || k.contains("dep-ttl")).toList();
        assertEquals(2, keys.size(), keys.toString());
        for (String key : keys) {
            long ttl = redis.pttl(key);
            assertTrue(ttl > 0 && ttl <= Duration.ofHours(1).plusSeconds(10).toMillis(), key + " pttl " + ttl);
        }
    }

    @Test
    void anUnreachableRedisFallsBackToThisServersBuckets() throws IOException {
        // Nothing listens on this local port: the connection is refused at once.
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        try (RateLimiter a = server("redis://127.0.0.1:" + closed + "/0", 2, 100, 0)) {
            RateLimitRequest r = new RateLimitRequest("198.51.100.11", "t", "d", TeamQuota.unlimited());
            assertTrue(a.acquire(r).allowed());
            assertTrue(a.acquire(r).allowed());
            assertFalse(a.acquire(r).allowed());
        }
    }
}
