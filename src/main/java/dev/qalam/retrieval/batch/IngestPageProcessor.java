package dev.qalam.retrieval.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.ExtractedPage;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.OcrEngineException;
import dev.qalam.document.PageExtraction;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.retrieval.RetrievalDocument;
import dev.qalam.retrieval.RetrievalPages;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extracts one page (text layer, OCR, or the text of a DOCX/PPTX/text file). A failure is recorded on the
 * document, retryable or not, before the step fails: an unreadable page will not read better next time, an
 * OCR engine that could not load might. The recorded message is Qalam's own; the exception goes to the log.
 */
@Named("ingestPageProcessor")
@Dependent
public class IngestPageProcessor implements ItemProcessor {

    private static final Logger LOG = Logger.getLogger(IngestPageProcessor.class.getName());

    @Inject
    @BatchProperty
    String docId;

    @Inject
    StepContext step;

    @Inject
    PageExtraction extraction;

    @Inject
    TrackedJobs jobs;

    @Override
    public Object processItem(Object item) throws Exception {
        int pageNum = (Integer) item;
        DocumentPageExtractor extractor = (DocumentPageExtractor) step.getTransientUserData();
        try {
            ExtractedPage page = extraction.extract(extractor, pageNum);
            return RetrievalPages.extracted(docId, page);
        } catch (InvalidDocumentException e) {
            fail(pageNum, e, e.code(), e.getMessage(), false);
            throw e;
        } catch (OcrEngineException e) {
            fail(pageNum, e, "ocr_engine_unavailable", "The OCR engine was not available; ingestion will be retried.", true);
            throw e;
        } catch (OutOfMemoryError e) {
            fail(pageNum, e, "page_too_large", "Page " + pageNum + " needs more memory than the server allows for one page.", false);
            throw e;
        } catch (Error e) {
            fail(pageNum, e, "processing_failed", "Page " + pageNum + " could not be processed.", false);
            throw e;
        } catch (RuntimeException e) {
            fail(pageNum, e, "processing_failed", "Page " + pageNum + " could not be processed; ingestion will be retried.", true);
            throw e;
        }
    }

    private void fail(int pageNum, Throwable cause, String code, String publicMessage, boolean retryable) {
        LOG.log(retryable ? Level.WARNING : Level.SEVERE, "Ingestion of document " + docId + ", page " + pageNum + ": " + code, cause);
        jobs.recordFailure(RetrievalDocument.class, docId, code, publicMessage, retryable);
    }
}
