package dev.qalam.retrieval.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.ExtractedPage;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.PageExtraction;
import dev.qalam.document.PageFailure;
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
        } catch (InvalidDocumentException | RuntimeException | Error e) {
            fail(pageNum, e, PageFailure.of(e, pageNum, "ingestion"));
            throw e;
        }
    }

    private void fail(int pageNum, Throwable cause, PageFailure f) {
        LOG.log(f.retryable() ? Level.WARNING : Level.SEVERE, "Ingestion of document " + docId + ", page " + pageNum + ": " + f.code(), cause);
        jobs.recordFailure(RetrievalDocument.class, docId, f.code(), f.publicMessage(), f.retryable());
    }
}
