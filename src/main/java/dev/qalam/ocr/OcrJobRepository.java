package dev.qalam.ocr;

import dev.qalam.platform.auth.Budgets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jobs and pages in the database. Methods join the caller's transaction when there is one: a batch chunk's
 * page rows, page charge and checkpoint commit together.
 */
@ApplicationScoped
public class OcrJobRepository {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    Budgets budgets;

    @Inject
    Event<OcrProgress> progressEvents;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry txRegistry;

    @Transactional
    public void create(OcrJob job) {
        em.persist(job);
    }

    public Optional<OcrJob> find(String id) {
        return Optional.ofNullable(em.find(OcrJob.class, id));
    }

    /** A job the batch runtime was started for: its absence is a bug, not a client's mistake. */
    public OcrJob require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No OCR job " + id));
    }

    /** The caller's job: another owner's token is indistinguishable from an unknown one. */
    public Optional<OcrJob> findOwned(String id, String owner) {
        return find(id).filter(j -> j.owner().equals(owner));
    }

    /** Jobs waiting ahead of (and including) one created at {@code createdAt}. */
    public long queuePosition(Instant createdAt) {
        return em.createQuery("SELECT COUNT(j) FROM OcrJob j WHERE j.status = :s AND j.expired = FALSE AND j.createdAt <= :t", Long.class)
                .setParameter("s", OcrStatus.QUEUED).setParameter("t", createdAt).getSingleResult();
    }

    public List<OcrPage> pages(String jobId) {
        return em.createQuery("SELECT p FROM OcrPage p WHERE p.jobId = :j ORDER BY p.pageNum", OcrPage.class)
                .setParameter("j", jobId).getResultList();
    }

    public List<OcrPage> pages(String jobId, int fromPage, int toPage) {
        return em.createQuery("SELECT p FROM OcrPage p WHERE p.jobId = :j AND p.pageNum >= :a AND p.pageNum <= :b ORDER BY p.pageNum", OcrPage.class)
                .setParameter("j", jobId).setParameter("a", fromPage).setParameter("b", toPage).getResultList();
    }

    public Optional<OcrPage> page(String jobId, int pageNum) {
        return pages(jobId, pageNum, pageNum).stream().findFirst();
    }

    public List<Integer> donePageNumbers(String jobId) {
        return em.createQuery("SELECT p.pageNum FROM OcrPage p WHERE p.jobId = :j", Integer.class)
                .setParameter("j", jobId).getResultList();
    }

    public int pagesDone(String jobId) {
        return em.createQuery("SELECT COUNT(p) FROM OcrPage p WHERE p.jobId = :j", Long.class)
                .setParameter("j", jobId).getSingleResult().intValue();
    }

    /**
     * Saves finished pages, charging them to the key's page balance: both in the caller's (the chunk's)
     * transaction, so a page is charged exactly when it is stored. Progress is announced once that commits.
     */
    @Transactional
    public void savePages(OcrJob job, List<OcrPage> pages) {
        OcrJob current = em.find(OcrJob.class, job.id());
        if (current == null || current.expired()) {
            return;
        }
        List<Integer> done = donePageNumbers(job.id());
        List<OcrPage> fresh = pages.stream().filter(p -> !done.contains(p.pageNum())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        budgets.chargeOcrPages(job.keyId(), fresh.size());
        fresh.forEach(em::persist);
        em.flush();
        int pagesDone = done.size() + fresh.size();
        OcrProgress event = new OcrProgress(job.id(), OcrStatus.PROCESSING.wire(), OcrProgress.percent(pagesDone, job.totalPages()),
                job.totalPages(), pagesDone, fresh.get(fresh.size() - 1).pageNum(), null);
        afterCommit(event);
    }

    /** The batch job started (or restarted) for this job. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markProcessing(String id, long executionId) {
        OcrJob job = em.find(OcrJob.class, id);
        if (job != null && !job.expired()) {
            job.processing();
            if (job.executionId() == null || job.executionId() != executionId) {
                job.launched(executionId, Instant.now());
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordLaunch(String id, long executionId) {
        OcrJob job = em.find(OcrJob.class, id);
        if (job != null) {
            job.launched(executionId, Instant.now());
        }
    }

    /** Remembers why a page failed, outside the chunk transaction that is about to roll back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String id, String code, String message, boolean retryable) {
        OcrJob job = em.find(OcrJob.class, id);
        if (job != null) {
            job.failure(code, message, retryable);
        }
    }

    /**
     * The batch job ended: {@code done} when every page is stored, else {@code error} with the reason a
     * page recorded (or, when none did, a retryable "incomplete").
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<OcrProgress> finish(String id, Instant nextRetryAt) {
        OcrJob job = em.find(OcrJob.class, id);
        if (job == null || job.expired() || job.status().terminal()) {
            return Optional.empty();
        }
        int done = pagesDone(id);
        Instant now = Instant.now();
        if (done >= job.totalPages()) {
            job.done(now);
        } else if (job.error() != null) {
            job.failed(job.errorCode() == null ? "processing_failed" : job.errorCode(), job.error(), job.retryable(), nextRetryAt, now);
        } else {
            job.failed("incomplete", "Processing stopped after " + done + " of " + job.totalPages() + " pages.", true, nextRetryAt, now);
        }
        OcrProgress event = new OcrProgress(id, job.status().wire(), job.status() == OcrStatus.DONE ? 100 : OcrProgress.percent(done, job.totalPages()),
                job.totalPages(), done, null, job.error());
        afterCommit(event);
        return Optional.of(event);
    }

    /** A stopped execution (server shutting down): the job waits to be resumed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void requeue(String id) {
        OcrJob job = em.find(OcrJob.class, id);
        if (job != null && !job.status().terminal()) {
            job.requeued();
        }
    }

    /**
     * Puts a failed job back in the queue, counting the retry, and returns the job as it now is; empty when
     * it is not (or no longer) a failed job under the cap: a single conditional UPDATE, so two retries cannot
     * both win. (The job is read back here, in this transaction: a request's own persistence context would
     * still hold the old count.)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<OcrJob> claimRetry(String id, int maxRetries) {
        int updated = em.createQuery("UPDATE OcrJob j SET j.status = :queued, j.retryCount = j.retryCount + 1, j.nextRetryAt = NULL, "
                        + "j.finishedAt = NULL WHERE j.id = :id AND j.status = :error AND j.expired = FALSE AND j.retryCount < :max")
                .setParameter("queued", OcrStatus.QUEUED).setParameter("error", OcrStatus.ERROR)
                .setParameter("id", id).setParameter("max", maxRetries).executeUpdate();
        if (updated != 1) {
            return Optional.empty();
        }
        OcrJob job = em.find(OcrJob.class, id);
        em.refresh(job);
        return Optional.of(job);
    }

    /** Failed jobs whose automatic retry is due. */
    public List<OcrJob> dueRetries(Instant now, int maxRetries) {
        return em.createQuery("SELECT j FROM OcrJob j WHERE j.status = :error AND j.retryable = TRUE AND j.expired = FALSE "
                        + "AND j.retryCount < :max AND j.nextRetryAt IS NOT NULL AND j.nextRetryAt <= :now", OcrJob.class)
                .setParameter("error", OcrStatus.ERROR).setParameter("max", maxRetries).setParameter("now", now)
                .setMaxResults(100).getResultList();
    }

    /** Jobs that are queued or processing (the worker checks that each really has a live execution). */
    public List<OcrJob> unfinished() {
        TypedQuery<OcrJob> q = em.createQuery("SELECT j FROM OcrJob j WHERE (j.status = :q OR j.status = :p) AND j.expired = FALSE", OcrJob.class);
        return q.setParameter("q", OcrStatus.QUEUED).setParameter("p", OcrStatus.PROCESSING).getResultList();
    }

    public List<OcrJob> expiredBy(Instant now) {
        return em.createQuery("SELECT j FROM OcrJob j WHERE j.expired = FALSE AND j.expiresAt <= :now", OcrJob.class)
                .setParameter("now", now).setMaxResults(100).getResultList();
    }

    /** Leaves the tombstone: pages deleted, the job marked expired. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void expire(String id) {
        em.createQuery("DELETE FROM OcrPage p WHERE p.jobId = :j").setParameter("j", id).executeUpdate();
        OcrJob job = em.find(OcrJob.class, id);
        if (job != null) {
            job.expire();
        }
    }

    /** Fires the event once the current transaction commits (at once when there is none). */
    private void afterCommit(OcrProgress event) {
        if (txRegistry == null || txRegistry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            progressEvents.fireAsync(event);
            return;
        }
        txRegistry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    progressEvents.fireAsync(event);
                }
            }
        });
    }
}
