package dev.qalam.deployment.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * Where token buckets live: in this process ({@link LocalBucketStore}) or in Redis, shared by every server
 * ({@link RedisBucketStore}). A bucket is created full on first use and forgotten once idle long enough to be
 * full again, so forgetting it loses nothing.
 */
interface BucketStore extends AutoCloseable {

    /**
     * The bucket under {@code key}, created with {@code config} if there is none.
     *
     * @param idle    how long after its last use the bucket may be forgotten
     * @param sliding whether each use restarts {@code idle}; false for buckets that end at a fixed time
     */
    Bucket bucket(String key, BucketConfiguration config, Duration idle, boolean sliding);

    @Override
    void close();
}
