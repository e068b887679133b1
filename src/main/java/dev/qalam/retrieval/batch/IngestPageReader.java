package dev.qalam.retrieval.batch;

import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.PageExtraction;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.platform.storage.BlobStore;
import dev.qalam.retrieval.RetrievalDocument;
import dev.qalam.retrieval.RetrievalRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The page numbers of the document still to extract, after the checkpoint and without those already stored.
 * Pre-extracted (JSON) documents have every page stored at upload: nothing to read. The document is opened
 * once (without page images: retrieval needs text only) and the extractor handed to the processor through the
 * step context.
 */
@Named("ingestPageReader")
@Dependent
public class IngestPageReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(IngestPageReader.class.getName());

    @Inject
    @BatchProperty
    String docId;

    @Inject
    StepContext step;

    @Inject
    RetrievalRepository repository;

    @Inject
    TrackedJobs trackedJobs;

    @Inject
    BlobStore blobs;

    @Inject
    PageExtraction extraction;

    private List<Integer> pages = List.of();
    private int next;
    private Integer lastRead;
    private DocumentPageExtractor extractor;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        RetrievalDocument doc = repository.require(docId);
        if (doc.kind() == null) {
            return;
        }
        Set<Integer> done = repository.donePageNumbers(docId);
        int after = checkpoint instanceof Integer c ? c : 0;
        pages = new ArrayList<>();
        for (int p = after + 1; p <= doc.totalPages(); p++) {
            if (!done.contains(p)) {
                pages.add(p);
            }
        }
        if (pages.isEmpty()) {
            return;
        }
        try (InputStream in = blobs.open(doc.sourceKey()).orElseThrow(() -> new InvalidDocumentException("source_missing",
                "The uploaded file is no longer stored; upload it again."))) {
            extractor = extraction.open(in, doc.kind(), extraction.settings().withoutImages());
        } catch (InvalidDocumentException e) {
            LOG.log(Level.WARNING, "Ingestion of document " + docId + ": the file cannot be opened", e);
            trackedJobs.recordFailure(RetrievalDocument.class, docId, e.code(), e.getMessage(), false);
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
