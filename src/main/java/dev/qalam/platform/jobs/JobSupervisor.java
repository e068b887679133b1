package dev.qalam.platform.jobs;

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
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background worker for every {@link JobKind}, on the managed scheduler. Each round, for each kind:
 * <ul>
 * <li>jobs this server holds: starts those whose launch failed, resumes a stopped one, and concludes one
 * whose execution ended without its listener doing so;</li>
 * <li>queued or processing jobs that no live server holds (their server died, or stopped and let them go):
 * claims and resumes them, a takeover;</li>
 * <li>failed-retryable jobs whose backoff has passed: claims and retries them, up to the kind's cap;</li>
 * <li>jobs past their lifetime: turns them into tombstones (stopping this server's execution) and, once no
 * execution of theirs runs, deletes everything they made.</li>
 * </ul>
 * Separately, every third of the lease, it renews the leases this server holds, so that a live server's
 * jobs are never taken, however long a page takes.
 */
@ApplicationScoped
public class JobSupervisor {

    private static final Logger LOG = Logger.getLogger(JobSupervisor.class.getName());
    /** A launch younger than this is given time to report before the supervisor second-guesses it. */
    static final Duration GRACE = Duration.ofSeconds(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JobSettings settings;

    @Inject
    JobKinds kinds;

    @Inject
    TrackedJobs jobs;

    @Inject
    JobLauncher launcher;

    private FixedDelay rounds;
    private FixedDelay heartbeats;
    private volatile long holdOffUntil = System.nanoTime();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Duration every = settings.interval();
        Duration beat = settings.heartbeat();
        rounds = FixedDelay.start(scheduler, this::round, every, every);
        heartbeats = FixedDelay.start(scheduler, this::heartbeat, beat, beat);
        LOG.info(() -> "Jobs: this server is " + settings.serverId() + "; lease " + settings.lease().toSeconds()
                + " s; job kinds " + kinds.all().stream().map(JobKind::jobXml).toList());
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel();
        }
        if (heartbeats != null) {
            heartbeats.cancel();
        }
    }

    /**
     * Claims no job for one lease from now. Called when the batch runtime stopped one of this server's jobs
     * (Liberty does so when the server shuts down, before the application stops, while this supervisor still
     * runs): the server let the job go for another server, or for itself after its restart, and must not
     * take it back in its last seconds.
     */
    public void holdOff() {
        holdOffUntil = System.nanoTime() + settings.lease().toNanos();
    }

    private boolean claiming() {
        return System.nanoTime() - holdOffUntil >= 0;
    }

    void heartbeat() {
        for (JobKind<?> kind : kinds.all()) {
            try {
                jobs.heartbeat(kind.entity());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not renew the leases of " + kind.jobXml() + " jobs", e);
            }
        }
    }

    void round() {
        for (JobKind<?> kind : kinds.all()) {
            try {
                supervise(kind);
            } catch (RuntimeException e) {
                // One bad round must not cancel the schedule (an exception would end it for good).
                LOG.log(Level.WARNING, "Job supervisor round for " + kind.jobXml() + " failed", e);
            }
        }
    }

    /** One round for one kind. */
    <J extends TrackedJob> void supervise(JobKind<J> kind) {
        recover(kind);
        retry(kind);
        expire(kind);
        purge(kind);
    }

    private boolean mine(TrackedJob job) {
        return settings.serverId().equals(job.leaseOwner());
    }

    private <J extends TrackedJob> void recover(JobKind<J> kind) {
        Instant now = Instant.now();
        for (J job : jobs.unfinished(kind.entity())) {
            try {
                if (mine(job)) {
                    recoverOwn(kind, job, now);
                } else if (claiming() && job.leaseFree(now) && jobs.claim(kind.entity(), job.id())) {
                    LOG.info(() -> "Job " + job.id() + " (" + kind.jobXml() + ", " + job.status().wire() + "): "
                            + (job.leaseOwner() == null ? "no server holds it" : "the lease of " + job.leaseOwner() + " lapsed")
                            + "; taking it over");
                    launcher.resume(kind.jobXml(), job);
                }
            } catch (RuntimeException e) {
                // Never leave a job "processing" with nothing behind it: it fails, retryable, and the
                // automatic retries (or the client) take it from there.
                LOG.log(Level.WARNING, "Job " + job.id() + " could not be resumed", e);
                jobs.recordFailure(kind.entity(), job.id(), "resume_failed", "Processing was interrupted and could not be resumed.", true);
                jobs.finish(kind, job.id());
            }
        }
    }

    private <J extends TrackedJob> void recoverOwn(JobKind<J> kind, J job, Instant now) {
        if (job.launchedAt() != null && job.launchedAt().isAfter(now.minus(GRACE))) {
            return;
        }
        BatchStatus s = launcher.statusHere(job.executionId());
        if (s == null) {
            LOG.info(() -> "Job " + job.id() + " was claimed by this server but not launched; launching it");
            launcher.resume(kind.jobXml(), job);
        } else if (s == BatchStatus.STOPPED) {
            launcher.resume(kind.jobXml(), job);
        } else if (!launcher.runningHere(job.executionId())) {
            jobs.finish(kind, job.id());
        }
    }

    private <J extends TrackedJob> void retry(JobKind<J> kind) {
        if (!claiming()) {
            return;
        }
        for (J job : jobs.dueRetries(kind, Instant.now())) {
            try {
                if (!kind.inputKept(job)) {
                    continue;
                }
                Optional<J> claimed = jobs.claimRetry(kind, job.id());
                if (claimed.isEmpty()) {
                    continue;
                }
                LOG.info(() -> "Job " + job.id() + " (" + kind.jobXml() + "): automatic retry " + claimed.get().retryCount());
                try {
                    launcher.resume(kind.jobXml(), claimed.get());
                } catch (RuntimeException e) {
                    // Claimed but not launched: it fails again, retryable, and waits for its next turn.
                    LOG.log(Level.WARNING, "Job " + job.id() + " could not be relaunched", e);
                    jobs.recordFailure(kind.entity(), job.id(), "resume_failed", "Processing could not be restarted.", true);
                    jobs.finish(kind, job.id());
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Job " + job.id() + " could not be retried", e);
            }
        }
    }

    private <J extends TrackedJob> void expire(JobKind<J> kind) {
        Instant now = Instant.now();
        for (J job : jobs.dueExpiry(kind.entity(), now)) {
            try {
                if ((mine(job) || job.leaseFree(now)) && jobs.tombstone(kind, job.id())) {
                    launcher.stop(job.executionId());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Job " + job.id() + " could not be expired", e);
            }
        }
    }

    /** Deletes the files of tombstones, once no execution of theirs runs on this server (none can elsewhere). */
    private <J extends TrackedJob> void purge(JobKind<J> kind) {
        Instant now = Instant.now();
        for (J job : jobs.pendingPurge(kind.entity())) {
            try {
                if (!mine(job)) {
                    if (!job.leaseFree(now) || !jobs.claim(kind.entity(), job.id())) {
                        continue;
                    }
                }
                if (launcher.runningHere(job.executionId())) {
                    launcher.stop(job.executionId());
                    continue;
                }
                kind.purge(job);
                jobs.purged(kind.entity(), job.id());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "The files of expired job " + job.id() + " could not be deleted yet", e);
            }
        }
    }
}
