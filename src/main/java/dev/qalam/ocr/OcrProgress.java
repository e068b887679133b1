package dev.qalam.ocr;

/**
 * The data of an OCR job's progress event (SSE): a page committed, or the job reached {@code done},
 * {@code error} or {@code expired}.
 */
public record OcrProgress(String token, String status, int progress, int totalPages, int pagesDone, Integer pageNum,
                          String error) {

    static int percent(int done, int total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }
}
