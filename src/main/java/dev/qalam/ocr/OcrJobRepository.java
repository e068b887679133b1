package dev.qalam.ocr;

import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.OwnedResources;
import dev.qalam.platform.jobs.JobEvent;
import dev.qalam.platform.jobs.JobEvents;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.jobs.TrackedJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * OCR jobs and pages in the database; the job's status, retries, lease and expiry are changed through
 * {@link TrackedJobs}. Methods join the caller's transaction when there is one: a batch chunk's page rows,
 * page charge and checkpoint commit together.
 */
@ApplicationScoped
public class OcrJobRepository {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    Budgets budgets;

    @Inject
    TrackedJobs tracked;

    @Inject
    JobEvents events;

    public Optional<OcrJob> find(String id) {
        return Optional.ofNullable(em.find(OcrJob.class, id));
    }

    /** A job the batch runtime was started for: its absence is a bug, not a client's mistake. */
    public OcrJob require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No OCR job " + id));
    }

    private final OwnedResources<OcrJob> owned = OwnedResources.of(this::find, "No OCR job with this token.");

    /** The caller's job: another owner's token is indistinguishable from an unknown one (404). */
    public OcrJob requireOwned(String id, String owner) {
        return owned.requireOwned(id, owner);
    }

    /** Jobs waiting ahead of (and including) one created at {@code createdAt}. */
    public long queuePosition(Instant createdAt) {
        return em.createQuery("SELECT COUNT(j) FROM OcrJob j WHERE j.status = :s AND j.expired = FALSE AND j.createdAt <= :t", Long.class)
                .setParameter("s", JobStatus.QUEUED).setParameter("t", createdAt).getSingleResult();
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
     * Saves finished pages, charging them to the key's page balance, in the caller's (the chunk's)
     * transaction, so that a page is charged exactly when it is stored. Last it checks (and renews) this
     * server's lease on the job, holding the job row until the chunk commits: a server that lost the job to
     * another, or a job that expired, stores and charges nothing. (Last, because a failure recorded on the
     * job row in a transaction of its own must not wait for the lock the chunk holds.) Progress is announced
     * once the chunk commits.
     */
    @Transactional
    public void savePages(OcrJob job, List<OcrPage> pages) {
        List<Integer> done = donePageNumbers(job.id());
        List<OcrPage> fresh = pages.stream().filter(p -> !done.contains(p.pageNum())).toList();
        if (fresh.isEmpty()) {
            tracked.fence(OcrJob.class, job.id());
            return;
        }
        budgets.chargeOcrPages(job.keyId(), fresh.size());
        fresh.forEach(em::persist);
        em.flush();
        tracked.fence(OcrJob.class, job.id());
        int pagesDone = done.size() + fresh.size();
        OcrProgress data = new OcrProgress(job.id(), JobStatus.PROCESSING.wire(), OcrProgress.percent(pagesDone, job.totalPages()),
                job.totalPages(), pagesDone, fresh.get(fresh.size() - 1).pageNum(), null);
        events.publish(JobEvent.progress(job.id(), data, pagesDone));
    }

    /** Deletes an expired job's pages (its row stays as the tombstone). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deletePages(String jobId) {
        em.createQuery("DELETE FROM OcrPage p WHERE p.jobId = :j").setParameter("j", jobId).executeUpdate();
    }
}
