package dev.qalam.ocr;

import dev.qalam.document.DocumentJob;
import dev.qalam.document.DocumentKind;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OCR job as the API shows it. The token is the job's id. Status, error, retries, lifetime and the lease
 * are the tracked-job columns ({@link dev.qalam.platform.jobs.TrackedJob}), the file and its owner those of every
 * {@link DocumentJob}; batch threads, the supervisor, requests and other servers
 * all change them, so the row is never cached across transactions. Every OCR job expires.
 */
@Entity
@Cacheable(false)
@AttributeOverride(name = "expiresAt", column = @Column(name = "EXPIRES_AT", nullable = false))
@AttributeOverride(name = "kind", column = @Column(name = "KIND", nullable = false, length = 10))
@Table(name = "QALAM_OCR_JOB", indexes = {
        @Index(name = "QALAM_OCR_JOB_OWNER", columnList = "OWNER"),
        @Index(name = "QALAM_OCR_JOB_STATUS", columnList = "STATUS"),
        @Index(name = "QALAM_OCR_JOB_LEASE", columnList = "LEASE_OWNER")})
public class OcrJob extends DocumentJob {

    /** How many partitions (parallel page streams) the batch job uses; fixed so that a restart finds its checkpoints. */
    @Column(nullable = false)
    private int partitions;

    protected OcrJob() {
    }

    public OcrJob(String id, String owner, String keyId, String filename, DocumentKind kind, String sourceKey,
                  long sourceBytes, int totalPages, int partitions, Instant createdAt, Instant expiresAt) {
        super(id, owner, keyId, filename, kind, sourceKey, sourceBytes, totalPages, createdAt, expiresAt);
        this.partitions = partitions;
    }

    public int partitions() { return partitions; }

    /** The blob folder of this job: source, page images and thumbnails. */
    public static String blobPrefix(String id) {
        return "ocr/" + id + "/";
    }
}
