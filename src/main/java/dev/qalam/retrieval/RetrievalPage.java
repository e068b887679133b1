package dev.qalam.retrieval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * One extracted page of a document, with its structure ({@link PageCodec}): the unit the extraction step
 * commits (and charges, for OCR), and what the chunking step cuts. Its id is {@code <documentId>:<pageNum>},
 * so a page extracted twice (a step redone after a crash) can never be stored twice.
 */
@Entity
@Table(name = "QALAM_RETRIEVAL_PAGE", indexes = {
        @Index(name = "QALAM_RETRIEVAL_PAGE_DOCUMENT", columnList = "DOCUMENT_ID")})
public class RetrievalPage {

    @Id
    @Column(name = "ID", length = 60)
    private String id;

    @Column(name = "DOCUMENT_ID", nullable = false, length = 40)
    private String documentId;

    @Column(name = "PAGE_NUM", nullable = false)
    private int pageNum;

    @Lob
    @Column(name = "CONTENT")
    private String content;

    /** {@code TEXT_LAYER}, {@code OCR}, {@code TEXT} or {@code JSON} (pre-extracted). */
    @Column(name = "METHOD", nullable = false, length = 12)
    private String method;

    protected RetrievalPage() {
    }

    public RetrievalPage(String documentId, int pageNum, String content, String method) {
        this.id = documentId + ":" + pageNum;
        this.documentId = documentId;
        this.pageNum = pageNum;
        this.content = content;
        this.method = method;
    }

    public String id() { return id; }
    public String documentId() { return documentId; }
    public int pageNum() { return pageNum; }
    public String content() { return content; }
    public String method() { return method; }
}
