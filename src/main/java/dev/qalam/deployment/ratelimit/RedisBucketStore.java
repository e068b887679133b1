package dev.qalam.deployment.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis, shared by every server pointed at it ({@code REDIS_URL}), through Bucket4j's Lettuce
 * proxy manager: each consumption is one compare-and-swap on the bucket's key, so two servers draw on one
 * limit exactly. Keys expire once the bucket would be full again (Bucket4j's expiration strategy), so Redis
 * holds only buckets in use. Refill is computed from each server's clock: keep the servers' clocks in sync
 * (NTP), as for anything else time-based.
 *
 * <p>The connection is opened on first use and again at most every few seconds after a failure; while Redis
 * cannot be reached, commands fail at once rather than queue (Lettuce's {@code REJECT_COMMANDS}), and
 * {@link RateLimiter} falls back to in-process buckets.
 */
final class RedisBucketStore implements BucketStore {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long RECONNECT_PAUSE_NANOS = Duration.ofSeconds(5).toNanos();

    private final RedisClient client;
    private final String prefix;
    private final TimeMeter clock;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<String> proxies;
    private long lastAttempt;
    private boolean attempted;

    RedisBucketStore(String redisUrl, String prefix, TimeMeter clock) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.prefix = prefix;
        this.clock = clock;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration config, Duration idle, boolean sliding) {
        ProxyManager<String> p = proxies;
        return (p != null ? p : connect()).builder().build(key, () -> config);
    }

    private synchronized ProxyManager<String> connect() {
        if (proxies != null) {
            return proxies;
        }
        long now = System.nanoTime();
        if (attempted && now - lastAttempt < RECONNECT_PAUSE_NANOS) {
            throw new IllegalStateException("Redis is unreachable; retrying the connection shortly");
        }
        attempted = true;
        lastAttempt = now;
        connection = client.connect(ByteArrayCodec.INSTANCE);
        ProxyManager<String> p = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .requestTimeout(TIMEOUT)
                .clientClock(clock)
                .build()
                .withMapper((String key) -> (prefix + key).getBytes(StandardCharsets.UTF_8));
        proxies = p;
        return p;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, TIMEOUT);
    }
}
