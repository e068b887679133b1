package dev.qalam.retrieval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A chunk of a document as the database keeps it, with its vector: the source from which a lost search
 * index is rebuilt (docs/retrieval.md). Its id, {@code <documentId>:<ordinal>}, is also its id in the index,
 * so redoing a batch replaces instead of duplicating.
 */
@Entity
@Table(name = "QALAM_RETRIEVAL_CHUNK", indexes = {
        @Index(name = "QALAM_RETRIEVAL_CHUNK_DOCUMENT", columnList = "DOCUMENT_ID"),
        @Index(name = "QALAM_RETRIEVAL_CHUNK_COLLECTION", columnList = "COLLECTION_ID")})
public class RetrievalChunk {

    static final int TITLE_LENGTH = 1000;

    @Id
    @Column(name = "ID", length = 60)
    private String id;

    @Column(name = "DOCUMENT_ID", nullable = false, length = 40)
    private String documentId;

    @Column(name = "COLLECTION_ID", nullable = false, length = 40)
    private String collectionId;

    @Column(name = "ORDINAL", nullable = false)
    private int ordinal;

    @Column(name = "TITLE", nullable = false, length = TITLE_LENGTH)
    private String title;

    @Lob
    @Column(name = "TEXT")
    private String text;

    @Column(name = "PAGE_START", nullable = false)
    private int pageStart;

    @Column(name = "PAGE_END", nullable = false)
    private int pageEnd;

    @Column(name = "LANGUAGE", nullable = false, length = 8)
    private String language;

    /** The model that made {@link #vector}; null for a chunk found by its words only. */
    @Column(name = "EMBEDDING_MODEL", length = 200)
    private String embeddingModel;

    /** float32 little-endian. */
    @Lob
    @Column(name = "VECTOR")
    private byte[] vector;

    protected RetrievalChunk() {
    }

    public RetrievalChunk(String documentId, String collectionId, int ordinal, String title, String text, int pageStart,
            int pageEnd, String language, String embeddingModel, float[] vector) {
        this.id = id(documentId, ordinal);
        this.documentId = documentId;
        this.collectionId = collectionId;
        this.ordinal = ordinal;
        this.title = title.length() > TITLE_LENGTH ? title.substring(0, TITLE_LENGTH) : title;
        this.text = text;
        this.pageStart = pageStart;
        this.pageEnd = pageEnd;
        this.language = language;
        this.embeddingModel = vector == null ? null : embeddingModel;
        this.vector = vector == null ? null : bytes(vector);
    }

    public static String id(String documentId, int ordinal) {
        return documentId + ":" + ordinal;
    }

    public String id() { return id; }
    public String documentId() { return documentId; }
    public String collectionId() { return collectionId; }
    public int ordinal() { return ordinal; }
    public String title() { return title; }
    public String text() { return text; }
    public int pageStart() { return pageStart; }
    public int pageEnd() { return pageEnd; }
    public String language() { return language; }
    public String embeddingModel() { return embeddingModel; }

    public float[] vector() {
        if (vector == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(vector).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[vector.length / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }
}
