package dev.qalam.retrieval;

import dev.qalam.platform.jobs.JobEvent;
import dev.qalam.platform.jobs.JobKind;
import dev.qalam.platform.jobs.RetryPolicy;
import dev.qalam.platform.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * Document ingestion as a tracked job kind (docs/jobs.md): the {@code retrieval-ingest} batch job over
 * {@link RetrievalDocument} rows. A document is complete when every page is extracted and every chunk its
 * pages make is stored (and indexed).
 */
@ApplicationScoped
public class IngestionJobKind implements JobKind<RetrievalDocument> {

    public static final String JOB_XML = "retrieval-ingest";

    @Inject
    RetrievalConfig config;

    @Inject
    RetrievalRepository repository;

    @Inject
    BlobStore blobs;

    /** What a client following an ingestion sees. */
    public record IngestProgress(String docId, String status, int pagesDone, int totalPages, String error) {
    }

    @Override
    public String jobXml() {
        return JOB_XML;
    }

    @Override
    public Class<RetrievalDocument> entity() {
        return RetrievalDocument.class;
    }

    @Override
    public RetryPolicy retries() {
        return config.retries();
    }

    @Override
    public boolean inputKept(RetrievalDocument doc) throws IOException {
        return doc.kind() == null || blobs.exists(doc.sourceKey());
    }

    @Override
    public boolean complete(RetrievalDocument doc) {
        return doc.chunkCount() != null
                && repository.pagesDone(doc.id()) >= doc.totalPages()
                && repository.chunksDone(doc.id()) >= doc.chunkCount();
    }

    @Override
    public String incompleteMessage(RetrievalDocument doc) {
        return "Ingestion stopped after " + repository.pagesDone(doc.id()) + " of " + doc.totalPages() + " pages.";
    }

    @Override
    public JobEvent event(RetrievalDocument doc) {
        int pages = repository.pagesDone(doc.id());
        String status = doc.wireStatus();
        IngestProgress data = new IngestProgress(doc.id(), status, pages, doc.totalPages(),
                "error".equals(status) ? doc.error() : null);
        return doc.status().terminal() ? JobEvent.last(doc.id(), status, data) : JobEvent.progress(doc.id(), data, pages);
    }

    /** Documents never expire; deleting one goes through {@link CollectionService}. */
    @Override
    public void purge(RetrievalDocument doc) throws IOException {
        blobs.deletePrefix(RetrievalDocument.blobPrefix(doc.collectionId(), doc.id()));
    }
}
