package dev.qalam.retrieval;

import dev.qalam.search.SearchHit;
import dev.qalam.search.SearchIndex;
import dev.qalam.search.SearchRequest;
import dev.qalam.search.SearchResults;
import dev.qalam.search.SearchScope;
import dev.qalam.search.StoredChunk;
import dev.qalam.search.filter.MetadataFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Hybrid search over collections' ready documents, for the alRetrieval query and for other features (the
 * Deployment API). It checks no ownership: callers check that the caller may read every collection first.
 */
@ApplicationScoped
public class RetrievalService {

    @Inject
    SearchIndex index;

    @Inject
    RetrievalRepository repository;

    @Inject
    Embedder embedder;

    /**
     * The best chunks of the collections' ready documents for {@code query}, best first.
     *
     * @param collectionIds the collections to search (unknown ones hold nothing); none gives no chunks
     * @param topK how many chunks at most, clamped to 1..{@value SearchRequest#MAX_LIMIT}
     * @param filter a filter on the documents' file properties, or null for none
     */
    public Found search(List<String> collectionIds, String query, int topK, MetadataFilter filter) {
        if (collectionIds == null || collectionIds.isEmpty() || query == null || query.isBlank()) {
            return new Found(List.of(), 0);
        }
        Embedder.QueryVector vector = embedder.embedQuery(query);
        SearchResults results = hits(new LinkedHashSet<>(collectionIds), Set.of(), query, vector, topK, Optional.ofNullable(filter));
        Map<String, Optional<RetrievalDocument>> docs = new HashMap<>();
        List<RetrievedChunk> out = new ArrayList<>(results.hits().size());
        for (SearchHit hit : results.hits()) {
            StoredChunk c = hit.chunk();
            Optional<RetrievalDocument> doc = docs.computeIfAbsent(c.documentId(), repository::document);
            if (doc.isEmpty()) {
                continue; // deleted between the search and now
            }
            String title = c.title().isBlank() ? doc.get().title() : c.title();
            out.add(new RetrievedChunk(c.chunkId(), c.documentId(), doc.get().filename(), title, c.text(), hit.score(),
                    IntStream.rangeClosed(c.pageStart(), c.pageEnd()).boxed().toList(), c.metadata()));
        }
        return new Found(out, vector.tokens());
    }

    /**
     * The chunks found, best first, and the tokens the query's embedding took (0 when the search went by words
     * alone: no model, or an Arabic query while the model is the bundled English one).
     */
    public record Found(List<RetrievedChunk> chunks, int queryEmbeddingTokens) {
    }

    /**
     * The index's hits within the collections, only among {@code documentIds} when not empty, never among
     * documents that are not ready.
     */
    SearchResults hits(Set<String> collectionIds, Set<String> documentIds, String query, int topK,
            Optional<MetadataFilter> filter) {
        return hits(collectionIds, documentIds, query, embedder.embedQuery(query), topK, filter);
    }

    private SearchResults hits(Set<String> collectionIds, Set<String> documentIds, String query, Embedder.QueryVector vector,
            int topK, Optional<MetadataFilter> filter) {
        SearchScope scope = SearchScope.anyOwner(collectionIds)
                .withDocuments(documentIds)
                .withoutDocuments(repository.notReadyDocumentIds(collectionIds))
                .withMetadata(filter);
        int limit = Math.max(1, Math.min(SearchRequest.MAX_LIMIT, topK));
        SearchRequest request = SearchRequest.of(scope, query, vector.embedding(), limit);
        return index.search(vector.embedding() == null ? request : request.withVectorWeight(vector.weight()));
    }
}
