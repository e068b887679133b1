package dev.qalam.deployment.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Buckets in this process, in a Caffeine cache bounded twice: each bucket expires once idle for its refill
 * time (it would be full again), and the cache holds at most {@code maxBuckets}, dropping the least used
 * first. A client spraying addresses can push other buckets out early; they come back full, which forgives
 * a few requests but never refuses one wrongly. The cache does its upkeep on the calling thread, so it
 * starts no threads of its own in the application server.
 */
final class LocalBucketStore implements BucketStore {

    private record Entry(Bucket bucket, long idleNanos, boolean sliding) {
    }

    private final Cache<String, Entry> buckets;
    private final TimeMeter clock;

    LocalBucketStore(long maxBuckets, TimeMeter clock) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .executor(Runnable::run)
                .ticker(clock::currentTimeNanos)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry e, long now) {
                        return e.idleNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry e, long now, long current) {
                        return e.idleNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry e, long now, long current) {
                        return e.sliding() ? e.idleNanos() : current;
                    }
                })
                .build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration config, Duration idle, boolean sliding) {
        return buckets.get(key, k -> new Entry(build(config), Math.max(1, idle.toNanos()), sliding)).bucket();
    }

    private Bucket build(BucketConfiguration config) {
        var builder = Bucket.builder().withCustomTimePrecision(clock);
        for (var bandwidth : config.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
