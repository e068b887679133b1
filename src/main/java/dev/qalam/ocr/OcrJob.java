package dev.qalam.ocr;

import dev.qalam.document.DocumentKind;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OCR job as the API shows it. The token is the job's id. Batch threads, the worker and requests all
 * change it, so it is never cached across transactions, and state changes that race are single
 * conditional UPDATEs in {@link OcrJobRepository}.
 */
@Entity
@Cacheable(false)
@Table(name = "QALAM_OCR_JOB", indexes = {
        @Index(name = "QALAM_OCR_JOB_OWNER", columnList = "OWNER"),
        @Index(name = "QALAM_OCR_JOB_STATUS", columnList = "STATUS")})
public class OcrJob {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "OWNER", nullable = false, length = 300)
    private String owner;

    /** The API key charged for the pages (null for SSO callers, who have no page balance). */
    @Column(name = "KEY_ID", length = 40)
    private String keyId;

    @Column(nullable = false, length = 500)
    private String filename;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private DocumentKind kind;

    @Column(name = "SOURCE_KEY", nullable = false, length = 200)
    private String sourceKey;

    @Column(name = "SOURCE_BYTES", nullable = false)
    private long sourceBytes;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 12)
    private OcrStatus status;

    @Column(name = "TOTAL_PAGES", nullable = false)
    private int totalPages;

    /** How many partitions (parallel page streams) the batch job uses; fixed so that a restart finds its checkpoints. */
    @Column(nullable = false)
    private int partitions;

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

    /** When this server last started or restarted a batch execution for the job. */
    @Column(name = "LAUNCHED_AT")
    private Instant launchedAt;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "FINISHED_AT")
    private Instant finishedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private Instant expiresAt;

    /** A tombstone: the files and pages are gone, the row stays so that the token answers 410. */
    @Column(nullable = false)
    private boolean expired;

    protected OcrJob() {
    }

    public OcrJob(String id, String owner, String keyId, String filename, DocumentKind kind, String sourceKey,
                  long sourceBytes, int totalPages, int partitions, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.owner = owner;
        this.keyId = keyId;
        this.filename = filename;
        this.kind = kind;
        this.sourceKey = sourceKey;
        this.sourceBytes = sourceBytes;
        this.totalPages = totalPages;
        this.partitions = partitions;
        this.status = OcrStatus.QUEUED;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() { return id; }
    public String owner() { return owner; }
    public String keyId() { return keyId; }
    public String filename() { return filename; }
    public DocumentKind kind() { return kind; }
    public String sourceKey() { return sourceKey; }
    public long sourceBytes() { return sourceBytes; }
    public OcrStatus status() { return status; }
    public int totalPages() { return totalPages; }
    public int partitions() { return partitions; }
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

    /** The blob folder of this job: source, page images and thumbnails. */
    public static String blobPrefix(String id) {
        return "ocr/" + id + "/";
    }

    void launched(long executionId, Instant at) {
        this.executionId = executionId;
        this.launchedAt = at;
    }

    void processing() {
        if (status == OcrStatus.QUEUED) {
            status = OcrStatus.PROCESSING;
        }
        error = null;
        errorCode = null;
    }

    void done(Instant at) {
        status = OcrStatus.DONE;
        error = null;
        errorCode = null;
        retryable = false;
        nextRetryAt = null;
        finishedAt = at;
    }

    void failed(String code, String message, boolean retryable, Instant nextRetryAt, Instant at) {
        status = OcrStatus.ERROR;
        errorCode = code;
        error = message == null ? "Processing failed." : message.length() > 1900 ? message.substring(0, 1900) : message;
        this.retryable = retryable;
        this.nextRetryAt = retryable ? nextRetryAt : null;
        finishedAt = at;
    }

    /** Records why processing is failing, before the batch job itself ends. */
    void failure(String code, String message, boolean retryable) {
        this.errorCode = code;
        this.error = message == null ? null : message.length() > 1900 ? message.substring(0, 1900) : message;
        this.retryable = retryable;
    }

    void requeued() {
        status = OcrStatus.QUEUED;
    }

    void expire() {
        expired = true;
        retryable = false;
        nextRetryAt = null;
    }
}
