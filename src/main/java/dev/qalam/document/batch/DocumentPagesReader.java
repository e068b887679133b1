package dev.qalam.document.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.platform.jobs.TrackedJob;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.platform.storage.BlobStore;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reader of every job that works through a stored document page by page (OCR, retrieval ingestion): it
 * reads the page numbers still to do, checkpoints the last one read, opens the document once and hands the
 * extractor to the step's processor through the step context. A document that cannot be opened fails its job
 * for good, with the document's own message.
 */
public abstract class DocumentPagesReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(DocumentPagesReader.class.getName());

    /** Opens the stored document for extraction. */
    @FunctionalInterface
    protected interface Opener {
        DocumentPageExtractor open(InputStream in) throws InvalidDocumentException;
    }

    @Inject
    StepContext step;

    @Inject
    TrackedJobs trackedJobs;

    @Inject
    BlobStore blobs;

    private List<Integer> pages = List.of();
    private int next;
    private Integer lastRead;
    private DocumentPageExtractor extractor;

    /**
     * Pages {@code first}, {@code first + stride}, … up to {@code total}: those after the checkpoint (the last page
     * read before a restart) and not already done.
     */
    protected static List<Integer> remaining(int first, int stride, int total, Serializable checkpoint, Set<Integer> done) {
        int after = checkpoint instanceof Integer c ? c : 0;
        List<Integer> out = new ArrayList<>();
        for (int p = first; p <= total; p += stride) {
            if (p > after && !done.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Reads these pages of the document stored at {@code sourceKey}, the input of job {@code id}. */
    protected final void readPages(List<Integer> pages, Class<? extends TrackedJob> job, String id, String sourceKey, Opener opener)
            throws InvalidDocumentException, IOException {
        this.pages = pages;
        next = 0;
        if (pages.isEmpty()) {
            return;
        }
        try (InputStream in = blobs.open(sourceKey).orElseThrow(() -> new InvalidDocumentException("source_missing",
                "The uploaded file is no longer stored; upload it again."))) {
            extractor = opener.open(in);
        } catch (InvalidDocumentException e) {
            LOG.log(Level.WARNING, job.getSimpleName() + " " + id + ": the document cannot be opened", e);
            trackedJobs.recordFailure(job, id, e.code(), e.getMessage(), false);
            throw e;
        }
        step.setTransientUserData(extractor);
    }

    @Override
    public final Object readItem() {
        if (next >= pages.size()) {
            return null;
        }
        lastRead = pages.get(next++);
        return lastRead;
    }

    @Override
    public final Serializable checkpointInfo() {
        return lastRead;
    }

    @Override
    public final void close() {
        if (extractor != null) {
            extractor.close();
            extractor = null;
        }
    }
}
