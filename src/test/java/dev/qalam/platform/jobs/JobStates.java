package dev.qalam.platform.jobs;

import java.time.Instant;

/** Puts job rows into a state for unit tests, where the real transitions are made by {@link TrackedJobs}. */
public final class JobStates {

    private JobStates() {
    }

    public static void failed(TrackedJob job, String code, String message, boolean retryable) {
        job.failed(code, message, retryable, null, Instant.now());
    }

    public static void done(TrackedJob job) {
        job.done(Instant.now());
    }

    public static void requeued(TrackedJob job) {
        job.requeued();
    }

    public static void retryCount(TrackedJob job, int retries) {
        set(job, "retryCount", retries);
    }

    public static void expired(TrackedJob job) {
        set(job, "expired", true);
    }

    private static void set(TrackedJob job, String field, Object value) {
        try {
            var f = TrackedJob.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(job, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
