package dev.qalam.retrieval;

import dev.qalam.document.DocumentKind;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.jobs.TrackedJob;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A document of a collection, and its ingestion as a tracked job (docs/jobs.md): status, error, retries and
 * the lease are the {@link TrackedJob} columns, and batch threads, the supervisor and other servers change
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
public class RetrievalDocument extends TrackedJob {

    @Column(name = "COLLECTION_ID", nullable = false, length = 40)
    private String collectionId;

    @Column(name = "OWNER", nullable = false, length = 300)
    private String owner;

    /** The API key charged for OCR pages (null for SSO callers, who have no page balance). */
    @Column(name = "KEY_ID", length = 40)
    private String keyId;

    @Column(name = "FILENAME", nullable = false, length = 500)
    private String filename;

    @Column(name = "TITLE", nullable = false, length = 1000)
    private String title;

    @Column(name = "MIME_TYPE", nullable = false, length = 120)
    private String mimeType;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 10)
    private DocumentKind kind;

    @Column(name = "SOURCE_KEY", nullable = false, length = 200)
    private String sourceKey;

    @Column(name = "SOURCE_BYTES", nullable = false)
    private long sourceBytes;

    @Column(name = "TOTAL_PAGES", nullable = false)
    private int totalPages;

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
        super(id, createdAt, null);
        this.collectionId = collectionId;
        this.owner = owner;
        this.keyId = keyId;
        this.filename = filename;
        this.title = title;
        this.mimeType = mimeType;
        this.kind = kind;
        this.sourceKey = sourceKey;
        this.sourceBytes = sourceBytes;
        this.totalPages = totalPages;
        this.metadata = metadata;
    }

    public String collectionId() { return collectionId; }
    public String owner() { return owner; }
    public String keyId() { return keyId; }
    public String filename() { return filename; }
    public String title() { return title; }
    public String mimeType() { return mimeType; }
    public DocumentKind kind() { return kind; }
    public String sourceKey() { return sourceKey; }
    public long sourceBytes() { return sourceBytes; }
    public int totalPages() { return totalPages; }
    public Integer chunkCount() { return chunkCount; }
    public String metadata() { return metadata; }

    /** Whether its pages are read through OCR (PDF) and charged to the OCR page balance. */
    public boolean chargesOcr() {
        return kind == DocumentKind.PDF;
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
