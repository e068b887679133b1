package dev.qalam.ocr.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.ExtractedPage;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.PageExtraction;
import dev.qalam.document.PageFailure;
import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrPage;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.platform.storage.BlobStore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extracts one page and stores its image and thumbnail. A failure is recorded on the job (outside the
 * chunk transaction) as retryable or not before the partition fails: an unreadable page will not read
 * better next time, an engine that could not load or a blob store that could not take the image might.
 * An {@link Error} (out of memory, above all) is never retried: the same page would only do it again.
 * The recorded message is Qalam's own; what the exception said goes to the log.
 */
@Named("ocrPageProcessor")
@Dependent
public class OcrPageProcessor implements ItemProcessor {

    private static final Logger LOG = Logger.getLogger(OcrPageProcessor.class.getName());

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
    TrackedJobs jobs;

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
            return new OcrPage(token, pageNum, page.text(), page.numSegments(), page.elapsed(), page.method(), imageKey, thumbKey,
                    page.layout());
        } catch (IOException e) {
            fail(pageNum, e, new PageFailure("storage_unavailable",
                    "The image of page " + pageNum + " could not be stored; the job will be retried.", true));
            throw e;
        } catch (InvalidDocumentException | RuntimeException | Error e) {
            fail(pageNum, e, PageFailure.of(e, pageNum, "the job"));
            throw e;
        }
    }

    private void fail(int pageNum, Throwable cause, PageFailure f) {
        LOG.log(f.retryable() ? Level.WARNING : Level.SEVERE, "OCR job " + token + ", page " + pageNum + ": " + f.code(), cause);
        jobs.recordFailure(OcrJob.class, token, f.code(), f.publicMessage(), f.retryable());
    }
}
