package dev.qalam.ocr;

import dev.qalam.platform.storage.BlobStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OCR background worker, every few seconds on the managed scheduler:
 * <ul>
 * <li>resumes jobs that a stopped server left {@code queued} or {@code processing} (their executions began
 * before this server started, so nothing runs them any more), and starts jobs whose launch failed;</li>
 * <li>retries failed-retryable jobs once their backoff has passed (30 s, 1 min, 2 min by default), up to the
 * retry cap;</li>
 * <li>deletes the files and pages of jobs past their lifetime, leaving the tombstone that answers 410.</li>
 * </ul>
 */
@ApplicationScoped
public class OcrJobWorker {

    private static final Logger LOG = Logger.getLogger(OcrJobWorker.class.getName());
    /** A launch younger than this is given time to report before the worker second-guesses it. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final EnumSet<BatchStatus> ENDED = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OcrConfig config;

    @Inject
    OcrJobRepository jobs;

    @Inject
    OcrJobLauncher launcher;

    @Inject
    BlobStore blobs;

    private final Instant bootTime = Instant.now();
    private ScheduledFuture<?> task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long every = config.workerInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void tick() {
        try {
            recover();
            retry();
            expire();
        } catch (RuntimeException e) {
            // One bad round must not cancel the schedule.
            LOG.log(Level.WARNING, "OCR worker round failed", e);
        }
    }

    private void recover() {
        Instant now = Instant.now();
        for (OcrJob job : jobs.unfinished()) {
            try {
                Instant launched = job.launchedAt();
                if (launched == null) {
                    if (job.createdAt().isBefore(bootTime) || job.createdAt().isBefore(now.minus(GRACE))) {
                        LOG.info(() -> "OCR job " + job.id() + " was never started; starting it");
                        launcher.start(job.id());
                    }
                } else if (launched.isBefore(bootTime)) {
                    LOG.info(() -> "OCR job " + job.id() + " was left " + job.status().wire() + " by a previous run; resuming it");
                    launcher.resume(job);
                } else if (job.executionId() != null && launched.isBefore(now.minus(GRACE))) {
                    BatchStatus s = launcher.status(job.executionId());
                    if (s == BatchStatus.STOPPED) {
                        launcher.resume(job);
                    } else if (s == null || ENDED.contains(s)) {
                        jobs.finish(job.id(), now.plus(config.backoff(job.retryCount())));
                    }
                }
            } catch (RuntimeException e) {
                // Never leave a job "processing" with nothing behind it: it fails, retryable, and the
                // automatic retries (or the client) take it from there.
                LOG.log(Level.WARNING, "OCR job " + job.id() + " could not be resumed", e);
                jobs.recordFailure(job.id(), "resume_failed", "Processing was interrupted and could not be resumed.", true);
                jobs.finish(job.id(), now.plus(config.backoff(job.retryCount())));
            }
        }
    }

    private void retry() {
        for (OcrJob job : jobs.dueRetries(Instant.now(), config.maxRetries())) {
            try {
                if (!blobs.exists(job.sourceKey())) {
                    continue;
                }
                jobs.claimRetry(job.id(), config.maxRetries()).ifPresent(claimed -> {
                    LOG.info(() -> "OCR job " + job.id() + ": automatic retry " + claimed.retryCount());
                    launcher.resume(claimed);
                });
            } catch (Exception e) {
                LOG.log(Level.WARNING, "OCR job " + job.id() + " could not be retried", e);
            }
        }
    }

    private void expire() {
        for (OcrJob job : jobs.expiredBy(Instant.now())) {
            try {
                if (job.executionId() != null && !job.status().terminal()) {
                    launcher.stop(job.executionId());
                }
                blobs.deletePrefix(OcrJob.blobPrefix(job.id()));
                jobs.expire(job.id());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "OCR job " + job.id() + " could not be expired", e);
            }
        }
    }
}
