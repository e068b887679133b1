package dev.qalam.platform.jobs;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A task repeated with a fixed delay on the managed scheduler, each run scheduled anew as a one-shot task
 * rather than by {@code scheduleWithFixedDelay}.
 * <p>
 * A periodic managed task keeps the one container context it captured when it was scheduled for all its runs.
 * Payara ties the entity managers used outside a transaction to that context and closes them after a run, so
 * the next run of the same periodic task meets a closed entity manager ("Attempting to execute an operation on
 * a closed EntityManager"). A one-shot task captures a fresh context at each scheduling, which every server
 * handles alike.
 */
final class FixedDelay {

    private final ManagedScheduledExecutorService scheduler;
    private final Runnable task;
    private final long delayMillis;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> next;

    private FixedDelay(ManagedScheduledExecutorService scheduler, Runnable task, Duration delay) {
        this.scheduler = scheduler;
        this.task = task;
        this.delayMillis = delay.toMillis();
    }

    /** Runs {@code task} after {@code initial}, then again {@code delay} after each run ends. */
    static FixedDelay start(ManagedScheduledExecutorService scheduler, Runnable task, Duration initial, Duration delay) {
        FixedDelay f = new FixedDelay(scheduler, task, delay);
        f.schedule(initial.toMillis());
        return f;
    }

    private void schedule(long millis) {
        if (!cancelled) {
            next = scheduler.schedule(this::runOnce, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void runOnce() {
        try {
            task.run();
        } finally {
            try {
                schedule(delayMillis);
            } catch (RuntimeException e) {
                // The scheduler is shutting down with the application: nothing more to run.
                cancelled = true;
            }
        }
    }

    /** No further run; one under way finishes. */
    void cancel() {
        cancelled = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }
}
