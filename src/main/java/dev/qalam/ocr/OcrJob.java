package dev.qalam.ocr;

import dev.qalam.platform.auth.Owned;
import dev.qalam.document.DocumentKind;
import dev.qalam.platform.jobs.TrackedJob;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OCR job as the API shows it. The token is the job's id. Status, error, retries, lifetime and the lease
 * are the tracked-job columns ({@link TrackedJob}); batch threads, the supervisor, requests and other servers
 * all change them, so the row is never cached across transactions. Every OCR job expires.
 */
@Entity
@Cacheable(false)
@AttributeOverride(name = "expiresAt", column = @Column(name = "EXPIRES_AT", nullable = false))
@Table(name = "QALAM_OCR_JOB", indexes = {
        @Index(name = "QALAM_OCR_JOB_OWNER", columnList = "OWNER"),
        @Index(name = "QALAM_OCR_JOB_STATUS", columnList = "STATUS"),
        @Index(name = "QALAM_OCR_JOB_LEASE", columnList = "LEASE_OWNER")})
public class OcrJob extends TrackedJob implements Owned {

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

    @Column(name = "TOTAL_PAGES", nullable = false)
    private int totalPages;

    /** How many partitions (parallel page streams) the batch job uses; fixed so that a restart finds its checkpoints. */
    @Column(nullable = false)
    private int partitions;

    protected OcrJob() {
    }

    public OcrJob(String id, String owner, String keyId, String filename, DocumentKind kind, String sourceKey,
                  long sourceBytes, int totalPages, int partitions, Instant createdAt, Instant expiresAt) {
        super(id, createdAt, expiresAt);
        this.owner = owner;
        this.keyId = keyId;
        this.filename = filename;
        this.kind = kind;
        this.sourceKey = sourceKey;
        this.sourceBytes = sourceBytes;
        this.totalPages = totalPages;
        this.partitions = partitions;
    }

    public String owner() { return owner; }
    public String keyId() { return keyId; }
    public String filename() { return filename; }
    public DocumentKind kind() { return kind; }
    public String sourceKey() { return sourceKey; }
    public long sourceBytes() { return sourceBytes; }
    public int totalPages() { return totalPages; }
    public int partitions() { return partitions; }

    /** The blob folder of this job: source, page images and thumbnails. */
    public static String blobPrefix(String id) {
        return "ocr/" + id + "/";
    }
}
