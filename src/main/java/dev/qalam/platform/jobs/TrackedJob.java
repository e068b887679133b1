package dev.qalam.platform.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * The columns every tracked job row has: status and the public error, the retry count and when the next
 * automatic retry is due, the batch execution, the lifetime, and the lease that says which server runs it.
 * A feature's job entity extends this (OCR's {@code OcrJob}; a retrieval document) and adds its own
 * columns. State changes that race (batch threads, the supervisor, requests, other servers) go through
 * {@link TrackedJobs} as conditional UPDATEs, so entities that extend this should be {@code @Cacheable(false)}.
 *
 * <p>The lease: {@code LEASE_OWNER} is the {@link ServerIdentity} of the server that may run the job, and
 * {@code LEASE_UNTIL} when its claim lapses unless renewed. The owner renews it with every unit of work it
 * commits and with a heartbeat; a job whose lease lapsed (its server died) is taken over by another server.
 * A finished job holds no lease; an expired job holds one until its files are deleted.
 */
@MappedSuperclass
public abstract class TrackedJob {

    /** Longest public error kept; the rest is in the server log. */
    static final int ERROR_LENGTH = 1900;

    @Id
    @Column(length = 40)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 12)
    private JobStatus status;

    /** The public reason of a failure: always a message written by Qalam, never an exception's text. */
    @Column(length = 2000)
    private String error;

    @Column(name = "ERROR_CODE", length = 60)
    private String errorCode;

    @Column(nullable = false)
    private boolean retryable;

    @Column(name = "RETRY_COUNT", nullable = false)
    private int retryCount;

    @Column(name = "NEXT_RETRY_AT")
    private Instant nextRetryAt;

    @Column(name = "EXECUTION_ID")
    private Long executionId;

    /** When the lease holder last asked the batch runtime to start or restart the job. */
    @Column(name = "LAUNCHED_AT")
    private Instant launchedAt;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "FINISHED_AT")
    private Instant finishedAt;

    /** When the job and everything it made are deleted; null for a kind that keeps its jobs. */
    @Column(name = "EXPIRES_AT")
    private Instant expiresAt;

    /** A tombstone: results are gone (or going), the row stays so that the id answers 410 rather than 404. */
    @Column(nullable = false)
    private boolean expired;

    @Column(name = "LEASE_OWNER", length = 120)
    private String leaseOwner;

    @Column(name = "LEASE_UNTIL")
    private Instant leaseUntil;

    protected TrackedJob() {
    }

    protected TrackedJob(String id, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.status = JobStatus.QUEUED;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() { return id; }
    public JobStatus status() { return status; }
    public String error() { return error; }
    public String errorCode() { return errorCode; }
    public boolean retryable() { return retryable; }
    public int retryCount() { return retryCount; }
    public Instant nextRetryAt() { return nextRetryAt; }
    public Long executionId() { return executionId; }
    public Instant launchedAt() { return launchedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant finishedAt() { return finishedAt; }
    public Instant expiresAt() { return expiresAt; }
    public boolean expired() { return expired; }
    public String leaseOwner() { return leaseOwner; }
    public Instant leaseUntil() { return leaseUntil; }

    /** Whether no live server holds the job: never claimed, released, or its holder stopped renewing. */
    public boolean leaseFree(Instant now) {
        return leaseOwner == null || leaseUntil == null || leaseUntil.isBefore(now);
    }

    void leased(String owner, Instant until) {
        this.leaseOwner = owner;
        this.leaseUntil = until;
        this.launchedAt = Instant.now();
    }

    void released() {
        leaseOwner = null;
        leaseUntil = null;
    }

    void launched(long executionId, Instant at) {
        this.executionId = executionId;
        this.launchedAt = at;
    }

    void processing() {
        if (status == JobStatus.QUEUED) {
            status = JobStatus.PROCESSING;
        }
        error = null;
        errorCode = null;
    }

    void done(Instant at) {
        status = JobStatus.DONE;
        error = null;
        errorCode = null;
        retryable = false;
        nextRetryAt = null;
        finishedAt = at;
    }

    void failed(String code, String message, boolean retryable, Instant nextRetryAt, Instant at) {
        status = JobStatus.ERROR;
        errorCode = code;
        error = clip(message == null ? "Processing failed." : message);
        this.retryable = retryable;
        this.nextRetryAt = retryable ? nextRetryAt : null;
        finishedAt = at;
    }

    /** Records why processing is failing, before the batch job itself ends. */
    void failure(String code, String message, boolean retryable) {
        this.errorCode = code;
        this.error = message == null ? null : clip(message);
        this.retryable = retryable;
    }

    void requeued() {
        status = JobStatus.QUEUED;
    }

    private static String clip(String message) {
        return message.length() > ERROR_LENGTH ? message.substring(0, ERROR_LENGTH) : message;
    }
}
