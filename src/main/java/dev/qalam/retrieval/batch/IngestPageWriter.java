package dev.qalam.retrieval.batch;

import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.retrieval.RetrievalDocument;
import dev.qalam.retrieval.RetrievalPage;
import dev.qalam.retrieval.RetrievalRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Stores the extracted pages and charges the OCR ones, in the chunk's transaction (with its checkpoint). */
@Named("ingestPageWriter")
@Dependent
public class IngestPageWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String docId;

    @Inject
    RetrievalRepository repository;

    @Inject
    TrackedJobs trackedJobs;

    @Override
    public void writeItems(List<Object> items) {
        RetrievalDocument doc = repository.require(docId);
        try {
            repository.saveExtractedPages(doc, items.stream().map(RetrievalPage.class::cast).toList());
        } catch (ApiException e) {
            // The OCR page balance ran out: nothing of this chunk is stored or charged.
            trackedJobs.recordFailure(RetrievalDocument.class, docId, e.code(),
                    e.getMessage() + " Top up the balance, then ingest the document again.", false);
            throw e;
        }
    }
}
