package dev.qalam.platform.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every state change of a tracked job, for any kind. Whatever can race (batch threads, the supervisor,
 * requests, another server) is one conditional UPDATE or a change made only by the lease holder, so two
 * servers can never both start, retry, finish or expire the same job. Methods that a batch chunk calls join
 * its transaction; the others run in their own, so that what they record survives a chunk rolling back.
 */
@ApplicationScoped
public class TrackedJobs {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    JobSettings settings;

    @Inject
    JobEvents events;

    private String entity(Class<? extends TrackedJob> type) {
        return em.getMetamodel().entity(type).getName();
    }

    private Instant leaseEnd(Instant now) {
        return now.plus(settings.lease());
    }

    private boolean mine(TrackedJob job) {
        return settings.serverId().equals(job.leaseOwner());
    }

    public <J extends TrackedJob> Optional<J> find(Class<J> type, String id) {
        return Optional.ofNullable(em.find(type, id));
    }

    /** Stores a new job, claimed by this server, which is about to launch it. */
    @Transactional
    public void create(TrackedJob job) {
        job.leased(settings.serverId(), leaseEnd(Instant.now()));
        em.persist(job);
    }

    /**
     * Claims a job whose lease is free or lapsed (or already this server's), marking it as being launched;
     * false when a live server holds it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(Class<? extends TrackedJob> type, String id) {
        Instant now = Instant.now();
        return em.createQuery("UPDATE " + entity(type) + " j SET j.leaseOwner = :me, j.leaseUntil = :until, j.launchedAt = :now "
                        + "WHERE j.id = :id AND (j.leaseOwner IS NULL OR j.leaseUntil IS NULL OR j.leaseUntil < :now OR j.leaseOwner = :me)")
                .setParameter("me", settings.serverId()).setParameter("until", leaseEnd(now)).setParameter("now", now)
                .setParameter("id", id).executeUpdate() == 1;
    }

    /**
     * Checks, in the caller's transaction (a batch chunk about to commit its work), that this server still
     * holds the job and that it has not expired, and renews the lease. The row stays locked until the chunk
     * commits, so no other server can take the job over in between. Call it last in that transaction:
     * {@link #recordFailure} runs in a transaction of its own and would wait for that lock.
     *
     * @throws LeaseLostException when the job is another server's now, or expired: the chunk must roll back
     */
    @Transactional(TxType.MANDATORY)
    public void fence(Class<? extends TrackedJob> type, String id) {
        Instant now = Instant.now();
        int n = em.createQuery("UPDATE " + entity(type) + " j SET j.leaseUntil = :until "
                        + "WHERE j.id = :id AND j.leaseOwner = :me AND j.expired = FALSE")
                .setParameter("until", leaseEnd(now)).setParameter("id", id).setParameter("me", settings.serverId())
                .executeUpdate();
        if (n != 1) {
            throw new LeaseLostException(id);
        }
    }

    /** Renews every lease this server holds on jobs of this kind. */
    @Transactional(TxType.REQUIRES_NEW)
    public int heartbeat(Class<? extends TrackedJob> type) {
        return em.createQuery("UPDATE " + entity(type) + " j SET j.leaseUntil = :until WHERE j.leaseOwner = :me")
                .setParameter("until", leaseEnd(Instant.now())).setParameter("me", settings.serverId()).executeUpdate();
    }

    /** The batch execution this server launched for the job. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordLaunch(Class<? extends TrackedJob> type, String id, long executionId) {
        TrackedJob job = em.find(type, id);
        if (job != null && mine(job)) {
            job.launched(executionId, Instant.now());
        }
    }

    /**
     * The batch job started (or restarted) for this job: {@code processing}.
     *
     * @throws LeaseLostException when another server holds the job now: this execution must not run
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void markProcessing(Class<? extends TrackedJob> type, String id, long executionId) {
        TrackedJob job = em.find(type, id);
        if (job == null || job.expired() || !mine(job)) {
            throw new LeaseLostException(id);
        }
        job.processing();
        if (job.executionId() == null || job.executionId() != executionId) {
            job.launched(executionId, Instant.now());
        }
    }

    /**
     * Remembers why a unit of work failed, outside the chunk transaction that is about to roll back.
     *
     * @param publicMessage written by Qalam for the client; exception details belong in the log
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordFailure(Class<? extends TrackedJob> type, String id, String code, String publicMessage, boolean retryable) {
        TrackedJob job = em.find(type, id);
        if (job != null && mine(job)) {
            job.failure(code, publicMessage, retryable);
        }
    }

    /**
     * The batch execution ended: {@code done} when the kind says every unit is stored, else {@code error}
     * with the recorded reason (or, when none was, the kind's retryable "incomplete"). Releases the lease and
     * tells the clients following the job. Nothing happens unless this server holds the job.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public <J extends TrackedJob> Optional<JobEvent> finish(JobKind<J> kind, String id) {
        J job = em.find(kind.entity(), id);
        if (job == null || job.expired() || job.status().terminal() || !mine(job)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Instant nextRetry = now.plus(kind.retries().backoff(job.retryCount()));
        if (kind.complete(job)) {
            job.done(now);
        } else if (job.error() != null) {
            job.failed(job.errorCode() == null ? "processing_failed" : job.errorCode(), job.error(), job.retryable(), nextRetry, now);
        } else {
            job.failed("incomplete", kind.incompleteMessage(job), true, nextRetry, now);
        }
        job.released();
        JobEvent event = kind.event(job);
        events.publish(event);
        return Optional.of(event);
    }

    /**
     * A stopped execution (server shutting down): the job waits in the queue, free for any server, this one
     * after its restart included; true when it does. An expired job keeps its lease: the supervisor still has
     * to delete its files.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean requeue(Class<? extends TrackedJob> type, String id) {
        TrackedJob job = em.find(type, id);
        if (job != null && mine(job) && !job.expired() && !job.status().terminal()) {
            job.requeued();
            job.released();
            return true;
        }
        return false;
    }

    /**
     * Puts a failed job back in the queue, counting the retry, and claims it for this server; empty when it
     * is not (or no longer) a failed job under the cap, or when another server holds it: a single conditional
     * UPDATE, so two retries (two requests, the supervisor, two servers) cannot both win. The job is read
     * back in this transaction: a request's own persistence context would still hold the old count.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public <J extends TrackedJob> Optional<J> claimRetry(JobKind<J> kind, String id) {
        Instant now = Instant.now();
        int updated = em.createQuery("UPDATE " + entity(kind.entity()) + " j SET j.status = :queued, j.retryCount = j.retryCount + 1, "
                        + "j.nextRetryAt = NULL, j.finishedAt = NULL, j.leaseOwner = :me, j.leaseUntil = :until, j.launchedAt = :now "
                        + "WHERE j.id = :id AND j.status = :error AND j.expired = FALSE AND j.retryCount < :max "
                        + "AND (j.leaseOwner IS NULL OR j.leaseUntil IS NULL OR j.leaseUntil < :now OR j.leaseOwner = :me)")
                .setParameter("queued", JobStatus.QUEUED).setParameter("error", JobStatus.ERROR)
                .setParameter("me", settings.serverId()).setParameter("until", leaseEnd(now)).setParameter("now", now)
                .setParameter("id", id).setParameter("max", kind.retries().maxRetries()).executeUpdate();
        if (updated != 1) {
            return Optional.empty();
        }
        J job = em.find(kind.entity(), id);
        em.refresh(job);
        return Optional.of(job);
    }

    /**
     * Turns a job past its lifetime into a tombstone held by this server (which then deletes its files), and
     * tells the clients following it; false when it already is one, or a live server holds it (that server
     * expires it itself).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public <J extends TrackedJob> boolean tombstone(JobKind<J> kind, String id) {
        Instant now = Instant.now();
        int updated = em.createQuery("UPDATE " + entity(kind.entity()) + " j SET j.expired = TRUE, j.retryable = FALSE, "
                        + "j.nextRetryAt = NULL, j.leaseOwner = :me, j.leaseUntil = :until "
                        + "WHERE j.id = :id AND j.expired = FALSE "
                        + "AND (j.leaseOwner IS NULL OR j.leaseUntil IS NULL OR j.leaseUntil < :now OR j.leaseOwner = :me)")
                .setParameter("me", settings.serverId()).setParameter("until", leaseEnd(now)).setParameter("now", now)
                .setParameter("id", id).executeUpdate();
        if (updated != 1) {
            return false;
        }
        J job = em.find(kind.entity(), id);
        em.refresh(job);
        events.publish(kind.event(job));
        return true;
    }

    /** The tombstone's files are deleted: nothing is left for any server to do. */
    @Transactional(TxType.REQUIRES_NEW)
    public void purged(Class<? extends TrackedJob> type, String id) {
        TrackedJob job = em.find(type, id);
        if (job != null && mine(job)) {
            job.released();
        }
    }

    /** Queued or processing jobs (the supervisor decides, lease by lease, which need this server). */
    public <J extends TrackedJob> List<J> unfinished(Class<J> type) {
        return em.createQuery("SELECT j FROM " + entity(type) + " j WHERE (j.status = :q OR j.status = :p) AND j.expired = FALSE", type)
                .setParameter("q", JobStatus.QUEUED).setParameter("p", JobStatus.PROCESSING).getResultList();
    }

    /** Failed jobs whose automatic retry is due. */
    public <J extends TrackedJob> List<J> dueRetries(JobKind<J> kind, Instant now) {
        return em.createQuery("SELECT j FROM " + entity(kind.entity()) + " j WHERE j.status = :error AND j.retryable = TRUE "
                        + "AND j.expired = FALSE AND j.retryCount < :max AND j.nextRetryAt IS NOT NULL AND j.nextRetryAt <= :now", kind.entity())
                .setParameter("error", JobStatus.ERROR).setParameter("max", kind.retries().maxRetries()).setParameter("now", now)
                .setMaxResults(100).getResultList();
    }

    /** Jobs past their lifetime that are not tombstones yet. */
    public <J extends TrackedJob> List<J> dueExpiry(Class<J> type, Instant now) {
        return em.createQuery("SELECT j FROM " + entity(type) + " j WHERE j.expired = FALSE AND j.expiresAt IS NOT NULL AND j.expiresAt <= :now", type)
                .setParameter("now", now).setMaxResults(100).getResultList();
    }

    /** Tombstones whose files are still to be deleted (by the lease holder, or by anyone once it lapsed). */
    public <J extends TrackedJob> List<J> pendingPurge(Class<J> type) {
        return em.createQuery("SELECT j FROM " + entity(type) + " j WHERE j.expired = TRUE AND j.leaseOwner IS NOT NULL", type)
                .setMaxResults(100).getResultList();
    }
}
