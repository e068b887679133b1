package dev.qalam.retrieval;

import dev.qalam.search.IndexedChunk;
import dev.qalam.search.MetadataJson;
import dev.qalam.search.SearchIndex;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-indexes every ready document from the database when the server found no usable search index at start
 * (a new or deleted index folder, an unreadable one, a new analysis version, a new OpenSearch cluster:
 * {@link SearchIndex#createdEmpty()}). It runs in the background: documents are searchable again as their
 * chunks are written back; a document deleted meanwhile is taken out again. Ingestions running at the same
 * time write their own chunks, and writing a chunk twice is harmless (upserts by id).
 */
@ApplicationScoped
public class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class.getName());
    private static final int BATCH = 256;

    @Inject
    SearchIndex index;

    @Inject
    RetrievalRepository repository;

    @Inject
    Embedder embedder;

    @Resource
    ManagedExecutorService executor;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            if (!index.createdEmpty()) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The search index could not be opened at start; no rebuild now", e);
            return;
        }
        executor.submit(this::rebuild);
    }

    /** Writes every ready document's chunks to the index; the number of chunks written. */
    public long rebuild() {
        long chunks = 0;
        int docs = 0;
        try {
            for (RetrievalDocument doc : repository.readyDocuments()) {
                chunks += reindex(doc);
                docs++;
            }
            if (docs > 0) {
                LOG.info("Search index rebuilt from the database: " + docs + " documents, " + chunks + " chunks");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Rebuilding the search index from the database failed after " + docs + " documents", e);
        }
        return chunks;
    }

    long reindex(RetrievalDocument doc) {
        Map<String, Object> metadata = MetadataJson.read(doc.metadata());
        List<IndexedChunk> batch = new ArrayList<>(BATCH);
        long n = 0;
        for (RetrievalChunk c : repository.chunks(doc.id())) {
            batch.add(RetrievalChunks.indexed(c, doc.owner(), metadata, embedder));
            if (batch.size() == BATCH) {
                index.upsert(batch);
                n += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            index.upsert(batch);
            n += batch.size();
        }
        if (repository.document(doc.id()).isEmpty()) {
            index.deleteDocument(doc.id());
        }
        return n;
    }
}
