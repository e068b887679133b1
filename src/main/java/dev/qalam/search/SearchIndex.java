package dev.qalam.search;

import java.util.List;

/**
 * The search index port: chunks in, ranked hits out. Two implementations pass the same contract test
 * (SearchIndexContract): {@link dev.qalam.search.lucene.LuceneSearchIndex}, embedded, the default, and
 * {@link dev.qalam.search.opensearch.OpenSearchIndex}, shared by several servers
 * ({@code QALAM_SEARCH=opensearch}). Both extend {@link HybridSearchIndex}, which fuses and decorates
 * hits the same way for both. Inject it ({@link SearchIndexProducer}); see the package documentation for
 * how ingestion and queries use it.
 *
 * <p>Every method is thread-safe. Writes are durable and visible to searches on every server when they
 * return. A method that cannot reach or write the index throws {@link SearchIndexException}.
 */
public interface SearchIndex extends AutoCloseable {

    /** {@code lucene} or {@code opensearch}. */
    String engine();

    /**
     * Adds the chunks, replacing any chunk with the same id. Idempotent: a retried batch leaves the index
     * as one successful call would. Searchable and durable when it returns.
     */
    void upsert(List<IndexedChunk> chunks);

    /** Removes every chunk of the document (none is fine). Durable and visible when it returns. */
    void deleteDocument(String documentId);

    /** Removes every chunk of the collection (none is fine). Durable and visible when it returns. */
    void deleteCollection(String collectionId);

    /** The best chunks for the request within its scope, best first; none is an empty list, never an error. */
    SearchResults search(SearchRequest request);

    /** How many chunks the scope holds (the scope's metadata filter applies). */
    long count(SearchScope scope);

    /**
     * True when this server found no index and created an empty one (a new data directory, a deleted or
     * unreadable index folder, a new {@link dev.qalam.text.TextAnalysis#VERSION}): the
     * ingestion side should then re-index every ready document from the database.
     */
    boolean createdEmpty();

    @Override
    void close();
}
