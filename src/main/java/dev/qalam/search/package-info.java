/**
 * The search core of alRetrieval and the Deployment API: a port ({@link dev.qalam.search.SearchIndex})
 * with an embedded Lucene implementation (default) and an OpenSearch one for several servers, hybrid
 * BM25 + vector search fused into one 0..1 score, snippets and direct hits, and the metadata filter
 * ({@code filter} package). It is a shared package, like {@code document} and {@code text}, because two
 * features use it and it knows neither: it holds chunks, not collections or documents as entities.
 * docs/search.md describes the behaviour for operators and clients.
 *
 * <h2>For the ingestion pipeline</h2>
 * <ul>
 *   <li>Inject {@code SearchIndex}. After chunking and embedding a batch, call
 *       {@code upsert(List<IndexedChunk>)}; chunk ids must be stable ({@code <documentId>:<ordinal>}) so a
 *       batch redone after a crash replaces instead of duplicating. When {@code upsert} returns, the chunks
 *       are durable and searchable on every server: only then checkpoint the batch and, after the last one,
 *       mark the document {@code ready}.</li>
 *   <li>Re-ingesting a document: {@code deleteDocument(documentId)} first (fewer chunks may come out).
 *       Deleting a document or collection: {@code deleteDocument} / {@code deleteCollection}, then the rows.</li>
 *   <li>Properties: validate the client's {@code metadata} once at upload with
 *       {@link dev.qalam.search.filter.PropertyValues#validate} (400 {@code invalid_metadata}), keep what it
 *       returns with the document, and put it on every chunk.</li>
 *   <li>Vectors: {@link dev.qalam.search.Embedding} carries the model id; embed queries with the same model.
 *       A chunk without a vector (embedding disabled or failed for good) is still found by its words.</li>
 *   <li>Rebuild: keep chunks and vectors in the database. At start, when
 *       {@link dev.qalam.search.SearchIndex#createdEmpty()} is true (new, lost or unreadable index, or a new
 *       analysis version), re-upsert every ready document's chunks from the database in a batch job.</li>
 * </ul>
 *
 * <h2>For queries ({@code POST .../query}, deployment chat)</h2>
 * <ul>
 *   <li>Parse {@code filter_metadata} with {@link dev.qalam.search.filter.MetadataFilter#parse} before any work
 *       (its exception is a 400 naming the path).</li>
 *   <li>Build the scope: {@code SearchScope.of(owner, Set.of(collectionId))} (or {@code anyOwner} when each
 *       collection's access was checked, as for an admin-made deployment), {@code .withDocuments(docIds)} for
 *       {@code doc_ids}, {@code .withoutDocuments(notReady)} to hide documents still being ingested,
 *       {@code .withMetadata(filter)}.</li>
 *   <li>{@code search(SearchRequest.of(scope, query, queryEmbeddingOrNull, topK))}: hits best first, each with
 *       {@code score} (the API's {@code score}), {@code directHit} ({@code is_direct_hit}), {@code snippet}, and
 *       the chunk's title, pages, document id and metadata. Embedding the query is the caller's (through the
 *       router); without a vector the search is BM25 alone.</li>
 * </ul>
 */
package dev.qalam.search;
