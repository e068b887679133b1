package dev.qalam.retrieval.batch;

import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.retrieval.Embedder;
import dev.qalam.retrieval.RetrievalChunk;
import dev.qalam.retrieval.RetrievalDocument;
import dev.qalam.retrieval.RetrievalRepository;
import dev.qalam.retrieval.RetrievalChunks;
import dev.qalam.search.IndexedChunk;
import dev.qalam.search.MetadataJson;
import dev.qalam.search.SearchIndex;
import dev.qalam.text.Chunk;
import dev.qalam.text.Language;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Embeds a batch of chunks (one call to the model), writes them to the search index, then stores them with
 * their vectors and this server's lease check in the chunk's transaction: a chunk is in the database only once
 * it is searchable, and a batch redone after a crash replaces the same ids in the index. (The index comes
 * first so that a failure can still be recorded on the document: the lease check locks its row until the
 * chunk commits.) An embedding model or an index that failed now may work later: retryable.
 */
@Named("ingestChunkWriter")
@Dependent
public class IngestChunkWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(IngestChunkWriter.class.getName());

    @Inject
    @BatchProperty
    String docId;

    @Inject
    RetrievalRepository repository;

    @Inject
    Embedder embedder;

    @Inject
    SearchIndex index;

    @Inject
    TrackedJobs trackedJobs;

    @Override
    public void writeItems(List<Object> items) {
        RetrievalDocument doc = repository.require(docId);
        List<Chunk> chunks = items.stream().map(Chunk.class::cast).toList();
        Optional<float[][]> vectors;
        try {
            vectors = embedder.embed(chunks.stream().map(RetrievalChunks::embeddingText).toList());
        } catch (RuntimeException e) {
            fail(e, "embedding_failed", "The embedding model failed; ingestion will be retried.");
            throw e;
        }
        Map<String, Object> metadata = MetadataJson.read(doc.metadata());
        List<RetrievalChunk> rows = new ArrayList<>(chunks.size());
        List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            final int at = i;
            float[] v = vectors.map(a -> a[at]).orElse(null);
            RetrievalChunk row = new RetrievalChunk(doc.id(), doc.collectionId(), c.index(), c.title(), c.text(),
                    c.pageStart(), c.pageEnd(), Language.of(c.title() + " " + c.text()).code(), embedder.model(), v);
            rows.add(row);
            indexed.add(RetrievalChunks.indexed(row, doc.owner(), metadata, embedder));
        }
        try {
            index.upsert(indexed);
        } catch (RuntimeException e) {
            fail(e, "index_unavailable", "The search index could not be written; ingestion will be retried.");
            throw e;
        }
        try {
            repository.saveChunks(doc.id(), rows);
        } catch (RuntimeException e) {
            if (repository.document(docId).isEmpty()) {
                // Deleted while this batch ran: take back what was just indexed.
                index.deleteDocument(docId);
            }
            throw e;
        }
    }

    private void fail(Throwable cause, String code, String publicMessage) {
        LOG.log(Level.WARNING, "Ingestion of document " + docId + ": " + code, cause);
        trackedJobs.recordFailure(RetrievalDocument.class, docId, code, publicMessage, true);
    }
}
