package dev.qalam.ocr.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.ExtractedPage;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.OcrEngineException;
import dev.qalam.document.PageExtraction;
import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrJobRepository;
import dev.qalam.ocr.OcrPage;
import dev.qalam.platform.storage.BlobStore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Extracts one page and stores its image and thumbnail. A failure is recorded on the job (outside the
 * chunk transaction) as retryable or not before the partition fails: an unreadable page will not read
 * better next time, an engine that could not load might.
 */
@Named("ocrPageProcessor")
@Dependent
public class OcrPageProcessor implements ItemProcessor {

    @Inject
    @BatchProperty
    String token;

    @Inject
    StepContext step;

    @Inject
    PageExtraction extraction;

    @Inject
    BlobStore blobs;

    @Inject
    OcrJobRepository jobs;

    @Override
    public Object processItem(Object item) throws Exception {
        int pageNum = (Integer) item;
        DocumentPageExtractor extractor = (DocumentPageExtractor) step.getTransientUserData();
        try {
            ExtractedPage page = extraction.extract(extractor, pageNum);
            String prefix = OcrJob.blobPrefix(token);
            String imageKey = null;
            String thumbKey = null;
            if (page.imagePng() != null) {
                imageKey = prefix + "pages/" + pageNum + ".png";
                blobs.put(imageKey, page.imagePng(), "image/png");
            }
            if (page.thumbnailPng() != null) {
                thumbKey = prefix + "thumbnails/" + pageNum + ".png";
                blobs.put(thumbKey, page.thumbnailPng(), "image/png");
            }
            return new OcrPage(token, pageNum, page.text(), page.numSegments(), page.elapsed(), page.method(), imageKey, thumbKey);
        } catch (InvalidDocumentException e) {
            jobs.recordFailure(token, e.code(), e.getMessage(), false);
            throw e;
        } catch (OcrEngineException e) {
            jobs.recordFailure(token, "ocr_engine_unavailable", e.getMessage(), true);
            throw e;
        } catch (RuntimeException | Error e) {
            // The client reads this; the exception itself goes to the log with the failed step. Running out of
            // memory on a page will happen again on the same page: not worth a retry.
            jobs.recordFailure(token, "processing_failed", "Page " + pageNum + " could not be processed.",
                    !(e instanceof OutOfMemoryError));
            throw e;
        }
    }
}
