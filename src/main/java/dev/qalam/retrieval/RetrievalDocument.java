package dev.qalam.retrieval;

import dev.qalam.document.DocumentJob;
import dev.qalam.document.DocumentKind;
import dev.qalam.platform.jobs.JobStatus;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A document of a collection, and its ingestion as a tracked job (docs/jobs.md): status, error, retries and
 * the lease are the tracked-job columns, the file and its owner those of
 * every {@link DocumentJob}, and batch threads, the supervisor and other servers change
 * them, so the row is never cached. A document never expires; it lives until its collection or itself is
 * deleted.
 *
 * <p>{@code kind} is the uploaded file's kind, or null for pre-extracted pages sent as JSON (their pages are
 * stored at upload and the extraction step has nothing to do).
 */
@Entity
@Cacheable(false)
@Table(name = "QALAM_RETRIEVAL_DOCUMENT", indexes = {
        @Index(name = "QALAM_RETRIEVAL_DOCUMENT_COLLECTION", columnList = "COLLECTION_ID"),
        @Index(name = "QALAM_RETRIEVAL_DOCUMENT_STATUS", columnList = "STATUS"),
        @Index(name = "QALAM_RETRIEVAL_DOCUMENT_LEASE", columnList = "LEASE_OWNER")})
public class RetrievalDocument extends DocumentJob {

    @Column(name = "COLLECTION_ID", nullable = false, length = 40)
    private String collectionId;

    @Column(name = "TITLE", nullable = false, length = 1000)
    private String title;

    @Column(name = "MIME_TYPE", nullable = false, length = 120)
    private String mimeType;

    /** How many chunks the document makes, known once the chunking step has cut its pages. */
    @Column(name = "CHUNK_COUNT")
    private Integer chunkCount;

    /** The file properties as JSON ({@code MetadataJson}). */
    @Lob
    @Column(name = "METADATA")
    private String metadata;

    protected RetrievalDocument() {
    }

    public RetrievalDocument(String id, String collectionId, String owner, String keyId, String filename, String title,
            String mimeType, DocumentKind kind, String sourceKey, long sourceBytes, int totalPages, String metadata,
            Instant createdAt) {
        super(id, owner, keyId, filename, kind, sourceKey, sourceBytes, totalPages, createdAt, null);
        this.collectionId = collectionId;
        this.title = title;
        this.mimeType = mimeType;
        this.metadata = metadata;
    }

    public String collectionId() { return collectionId; }
    public String title() { return title; }
    public String mimeType() { return mimeType; }
    public Integer chunkCount() { return chunkCount; }
    public String metadata() { return metadata; }

    /** Whether its pages are read through OCR (PDF) and charged to the OCR page balance. */
    public boolean chargesOcr() {
        return kind() == DocumentKind.PDF;
    }

    /** The status as alRetrieval spells it: {@code processing}, {@code ready} or {@code error}. */
    public String wireStatus() {
        return wireStatus(status());
    }

    static String wireStatus(JobStatus status) {
        return switch (status) {
            case QUEUED, PROCESSING -> "processing";
            case DONE -> "ready";
            case ERROR -> "error";
        };
    }

    /** The blob folder of this document: its original file. */
    public static String blobPrefix(String collectionId, String id) {
        return "retrieval/" + collectionId + "/" + id + "/";
    }
}
