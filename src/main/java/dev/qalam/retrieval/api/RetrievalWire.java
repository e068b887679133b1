package dev.qalam.retrieval.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The alRetrieval API's wire objects (docs/api-contract.md, docs/retrieval.md). */
public final class RetrievalWire {

    private RetrievalWire() {
    }

    /** {@code POST /v1/alRetrieval/collections}. */
    public record CollectionCreated(String collectionId) {
    }

    /** {@code GET /v1/alRetrieval/collections}: newest first. */
    public record CollectionList(List<CollectionItem> collections) {
    }

    public record CollectionItem(String collectionId, Instant createdAt) {
    }

    /** {@code POST .../documents/ingest}: {@code status} is always {@code queued}. */
    public record IngestAccepted(String id, String status, int pages, String collection) {
    }

    /** {@code GET .../documents/{doc_id}/status}; {@code error} only when the status is {@code error}. */
    public record DocumentStatus(String docId, String status, String error) {
    }

    /** {@code POST .../query}. */
    public record QueryResult(List<ContextItem> context, List<String> effectiveScopeDocIds) {
    }

    /** One retrieved passage: {@code score} is 0..1, higher is better; the list is sorted by it. */
    public record ContextItem(String title, int pageStart, int pageEnd, double score, String snippet,
            boolean isDirectHit, String documentId) {
    }

    /** {@code GET .../documents}. */
    public record DocumentList(String collectionId, List<DocumentItem> documents) {
    }

    /** {@code file_url} downloads the original upload (or the JSON body) for one hour. */
    public record DocumentItem(String docId, String filename, String status, String mimeType, int pages,
            Map<String, Object> metadata, String fileUrl, Instant createdAt) {
    }
}
