package dev.qalam.document;

/**
 * What a document job records when one of its pages fails: Qalam's own code and message for the client (the
 * exception itself goes to the log) and whether trying again can help. An unreadable page will not read better
 * next time and a page too large for the server's memory stays too large; an OCR engine that could not load,
 * or an unexpected failure, might pass on a retry.
 */
public record PageFailure(String code, String publicMessage, boolean retryable) {

    /**
     * @param retried how the client names the work being retried, in "…; {@code retried} will be retried."
     *                ({@code "the job"}, {@code "ingestion"})
     */
    public static PageFailure of(Throwable e, int pageNum, String retried) {
        if (e instanceof InvalidDocumentException d) {
            return new PageFailure(d.code(), d.getMessage(), false);
        }
        if (e instanceof OcrEngineException) {
            return new PageFailure("ocr_engine_unavailable", "The OCR engine was not available; " + retried + " will be retried.", true);
        }
        if (e instanceof OutOfMemoryError) {
            return new PageFailure("page_too_large", "Page " + pageNum + " needs more memory than the server allows for one page.", false);
        }
        if (e instanceof Error) {
            return new PageFailure("processing_failed", "Page " + pageNum + " could not be processed.", false);
        }
        return new PageFailure("processing_failed", "Page " + pageNum + " could not be processed; " + retried + " will be retried.", true);
    }
}
