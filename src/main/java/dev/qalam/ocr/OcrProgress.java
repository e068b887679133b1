package dev.qalam.ocr;

/**
 * A job moved on: a page committed, or the job reached {@code done} / {@code error}. Fired asynchronously
 * after the transaction that made it true commits; the SSE endpoint relays it.
 */
public record OcrProgress(String token, String status, int progress, int totalPages, int pagesDone, Integer pageNum,
                          String error) {

    public boolean terminal() {
        return OcrStatus.DONE.wire().equals(status) || OcrStatus.ERROR.wire().equals(status);
    }

    static int percent(int done, int total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }
}
