package dev.qalam.ocr;

import dev.qalam.document.layout.PageBlock;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;

/** The OCR API's wire objects, field for field as docs/api-contract.md documents them (snake_case on the wire). */
public final class OcrWire {

    private OcrWire() {
    }

    /** {@code POST /v1/ocr/upload}. */
    public record OcrUpload(String token, String status, int progress, int uploadProgress, long queuePosition) {
    }

    /** {@code GET /v1/ocr/jobs/{token}}; {@code error}, {@code retry_count} and {@code retryable} only on failed jobs. */
    public record OcrJobStatus(String filename, String status, int progress, int totalPages, List<OcrPageResult> pages,
                               Instant expiresAt, String error, Integer retryCount, Boolean retryable) {
    }

    /** {@code blocks}: an OCR page's text blocks and tables in reading order (docs/ocr.md); absent for other pages. */
    public record OcrPageResult(int pageNum, String text, int numSegments, double elapsed, List<PageBlock> blocks) {
    }

    /** {@code POST /v1/ocr/jobs/{token}/retry}. */
    public record OcrRetry(String token, String status, int retryCount) {
    }

    /**
     * Nillable at type level too: Yasson writes a null property of a record type only when the type itself
     * allows null, whatever the property says.
     */
    @JsonbNillable
    public record Link(String url) {
    }

    /** {@code GET /v1/ocr/jobs/{token}/{page_num}}: {@code image} (and the thumbnail) are null until stored. */
    public record OcrPageDetail(int pageNum, String text, @JsonbNillable Link thumbnail, @JsonbNillable Link image,
                                String status, Integer numSegments, Double elapsed, List<PageBlock> blocks) {
    }

    /** An item of the thumbnails/images lists: {@code url} from an object store, else inline {@code data}. */
    public record PageImage(int pageNum, String url, String data) {
    }

    public record ThumbnailList(List<PageImage> thumbnails, int start, int end, int totalPages, boolean hasMore) {
    }

    public record ImageList(List<PageImage> images, int start, int end, int totalPages, boolean hasMore) {
    }
}
