package dev.qalam.ocr;

import dev.qalam.document.ExtractedPage;
import dev.qalam.document.layout.PageBlock;
import dev.qalam.platform.json.JsonbProvider;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** One finished page of a job; written in the same transaction as its batch checkpoint. */
@Entity
@Cacheable(false)
@Table(name = "QALAM_OCR_PAGE", indexes = @Index(name = "QALAM_OCR_PAGE_JOB", columnList = "JOB_ID, PAGE_NUM", unique = true))
public class OcrPage {

    @Id
    @Column(length = 60)
    private String id;

    @Column(name = "JOB_ID", nullable = false, length = 40)
    private String jobId;

    @Column(name = "PAGE_NUM", nullable = false)
    private int pageNum;

    @Lob
    @Column(name = "TEXT")
    private String text;

    @Column(name = "NUM_SEGMENTS", nullable = false)
    private int numSegments;

    @Column(nullable = false)
    private double elapsed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private ExtractedPage.Method method;

    @Column(name = "IMAGE_KEY", length = 200)
    private String imageKey;

    @Column(name = "THUMBNAIL_KEY", length = 200)
    private String thumbnailKey;

    /** The page's blocks in reading order as JSON (the wire's {@code blocks}); null for pages not read by OCR. */
    @Lob
    @Column(name = "BLOCKS")
    private String blocks;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected OcrPage() {
    }

    public OcrPage(String jobId, int pageNum, String text, int numSegments, double elapsed, ExtractedPage.Method method,
                   String imageKey, String thumbnailKey, List<PageBlock> blocks) {
        this.id = jobId + "-" + pageNum;
        this.jobId = jobId;
        this.pageNum = pageNum;
        this.text = text;
        this.numSegments = numSegments;
        this.elapsed = elapsed;
        this.method = method;
        this.imageKey = imageKey;
        this.thumbnailKey = thumbnailKey;
        this.blocks = blocks == null ? null : JSON.toJson(blocks);
        this.createdAt = Instant.now();
    }

    private static final Jsonb JSON = JsonbProvider.create();
    private static final Type BLOCK_LIST = new ArrayList<PageBlock>() { }.getClass().getGenericSuperclass();

    public String jobId() { return jobId; }
    public int pageNum() { return pageNum; }
    public String text() { return text == null ? "" : text; }
    public int numSegments() { return numSegments; }
    public double elapsed() { return elapsed; }
    public ExtractedPage.Method method() { return method; }
    public String imageKey() { return imageKey; }
    public String thumbnailKey() { return thumbnailKey; }
    public List<PageBlock> blocks() { return blocks == null ? null : JSON.fromJson(blocks, BLOCK_LIST); }
}
