package dev.qalam.ocr.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.PageExtraction;
import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrJobRepository;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.platform.storage.BlobStore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads this partition's page numbers, from the checkpoint (the last page committed) on, skipping pages
 * already stored. It opens the document once for the partition and hands the extractor to the processor
 * through the step context (each partition has its own).
 */
@Named("ocrPageReader")
@Dependent
public class OcrPageReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(OcrPageReader.class.getName());

    @Inject
    @BatchProperty
    String token;

    @Inject
    @BatchProperty
    String partition;

    @Inject
    @BatchProperty
    String partitions;

    @Inject
    StepContext step;

    @Inject
    OcrJobRepository jobs;

    @Inject
    TrackedJobs trackedJobs;

    @Inject
    BlobStore blobs;

    @Inject
    PageExtraction extraction;

    private List<Integer> pages;
    private int next;
    private Integer lastRead;
    private DocumentPageExtractor extractor;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        OcrJob job = jobs.require(token);
        int i = Integer.parseInt(partition);
        int n = Integer.parseInt(partitions);
        Set<Integer> done = new HashSet<>(jobs.donePageNumbers(token));
        int after = checkpoint instanceof Integer c ? c : 0;
        pages = new ArrayList<>();
        for (int p = i + 1; p <= job.totalPages(); p += n) {
            if (p > after && !done.contains(p)) {
                pages.add(p);
            }
        }
        if (pages.isEmpty()) {
            return;
        }
        try (InputStream in = blobs.open(job.sourceKey()).orElseThrow(() -> new InvalidDocumentException("source_missing",
                "The uploaded file is no longer stored; upload it again."))) {
            extractor = extraction.open(in, job.kind());
        } catch (InvalidDocumentException e) {
            LOG.log(Level.WARNING, "OCR job " + token + ": the document cannot be opened", e);
            trackedJobs.recordFailure(OcrJob.class, token, e.code(), e.getMessage(), false);
            throw e;
        }
        step.setTransientUserData(extractor);
    }

    @Override
    public Object readItem() {
        if (next >= pages.size()) {
            return null;
        }
        lastRead = pages.get(next++);
        return lastRead;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
            extractor = null;
        }
    }
}
