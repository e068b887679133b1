package dev.qalam.document;

import dev.qalam.platform.auth.Owned;
import dev.qalam.platform.jobs.TrackedJob;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A tracked job over one uploaded document: who owns it and which key pays for its OCR pages, the file as it
 * was sent (name, kind, where its bytes are kept, their size) and how many pages it has. An OCR job and a
 * retrieval document are both this, plus their own columns.
 */
@MappedSuperclass
public abstract class DocumentJob extends TrackedJob implements Owned {

    @Column(name = "OWNER", nullable = false, length = 300)
    private String owner;

    /** The API key charged for OCR pages (null for SSO callers, who have no page balance). */
    @Column(name = "KEY_ID", length = 40)
    private String keyId;

    @Column(name = "FILENAME", nullable = false, length = 500)
    private String filename;

    /** The uploaded file's kind; a subclass may allow none (pages sent already extracted). */
    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 10)
    private DocumentKind kind;

    @Column(name = "SOURCE_KEY", nullable = false, length = 200)
    private String sourceKey;

    @Column(name = "SOURCE_BYTES", nullable = false)
    private long sourceBytes;

    @Column(name = "TOTAL_PAGES", nullable = false)
    private int totalPages;

    protected DocumentJob() {
    }

    protected DocumentJob(String id, String owner, String keyId, String filename, DocumentKind kind, String sourceKey,
                          long sourceBytes, int totalPages, Instant createdAt, Instant expiresAt) {
        super(id, createdAt, expiresAt);
        this.owner = owner;
        this.keyId = keyId;
        this.filename = filename;
        this.kind = kind;
        this.sourceKey = sourceKey;
        this.sourceBytes = sourceBytes;
        this.totalPages = totalPages;
    }

    @Override
    public String owner() { return owner; }
    public String keyId() { return keyId; }
    public String filename() { return filename; }
    public DocumentKind kind() { return kind; }
    public String sourceKey() { return sourceKey; }
    public long sourceBytes() { return sourceBytes; }
    public int totalPages() { return totalPages; }
}
