package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PageFailureTest {

    @Test
    void aBrokenDocumentKeepsItsOwnMessageAndIsNotRetried() {
        PageFailure f = PageFailure.of(new InvalidDocumentException("invalid_pdf", "The PDF is damaged."), 3, "the job");
        assertEquals(new PageFailure("invalid_pdf", "The PDF is damaged.", false), f);
    }

    @Test
    void anEngineThatDidNotLoadIsRetried() {
        PageFailure f = PageFailure.of(new OcrEngineException("libtesseract missing"), 3, "ingestion");
        assertEquals(new PageFailure("ocr_engine_unavailable", "The OCR engine was not available; ingestion will be retried.", true), f);
    }

    @Test
    void runningOutOfMemoryIsNeverRetriedAndNamesThePage() {
        PageFailure f = PageFailure.of(new OutOfMemoryError("Java heap space"), 7, "the job");
        assertEquals(new PageFailure("page_too_large", "Page 7 needs more memory than the server allows for one page.", false), f);
    }

    @Test
    void otherErrorsAreNotRetriedAndUnexpectedExceptionsAre() {
        assertEquals(new PageFailure("processing_failed", "Page 2 could not be processed.", false),
                PageFailure.of(new StackOverflowError(), 2, "the job"));
        assertEquals(new PageFailure("processing_failed", "Page 2 could not be processed; the job will be retried.", true),
                PageFailure.of(new IllegalStateException("internal detail"), 2, "the job"));
    }
}
