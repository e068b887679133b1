package dev.qalam.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records that requests make and nobody waits for (usage counts, request logs), written off the request path:
 * a background task calls {@link #flush()} every {@link #interval()}, and once more when the application stops.
 * A commit per request would cost more than the request itself; the price is that a crash loses at most the
 * last interval's records. A flush that fails keeps its records for the next one (the subclass's duty); the
 * task catches everything and logs it, because a scheduled task that throws is never run again.
 * A subclass writes in {@link #transactions}: its own {@code @Transactional} methods, called from itself, would
 * run without one.
 */
public abstract class BackgroundWriter {

    private static final Logger LOG = Logger.getLogger(BackgroundWriter.class.getName());

    @Resource
    protected ManagedScheduledExecutorService scheduler;

    @Inject
    protected Transactions transactions;

    private ScheduledFuture<?> flusher;

    /** How often the records gathered are written. */
    protected abstract Duration interval();

    /** Writes what was gathered since the last flush; on failure keeps it for the next one and throws. */
    public abstract void flush();

    /** What the log says the records are, as in "Could not write {what}". */
    protected abstract String what();

    @PostConstruct
    void startFlushing() {
        if (scheduler != null) {
            long ms = interval().toMillis();
            flusher = scheduler.scheduleWithFixedDelay(this::scheduledFlush, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stopFlushing() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the last " + what(), e);
        }
    }

    /** The scheduled task: never throws, or the executor would never run it again. */
    public void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write " + what() + "; they are kept for the next attempt", e);
        }
    }
}
