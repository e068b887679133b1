package dev.qalam.search;

import dev.qalam.search.filter.MetadataFilter;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which chunks a search may return: those of the given collections, of the given owner (or of any owner,
 * for a caller that has checked each collection's access itself, such as a deployment created with the
 * admin key), optionally only of some documents or without some, and matching a metadata filter.
 *
 * @param owner the owner every chunk must have; empty for any owner
 * @param collectionIds at least one collection
 * @param documentIds when not empty, only these documents (a query's {@code doc_ids})
 * @param excludedDocumentIds never these documents: pass the collection's documents that are not ready,
 *     whose chunks may already be in the index while their ingestion runs
 * @param metadata a filter over the documents' file properties
 */
public record SearchScope(Optional<String> owner, Set<String> collectionIds, Set<String> documentIds,
        Set<String> excludedDocumentIds, Optional<MetadataFilter> metadata) {

    public SearchScope {
        Objects.requireNonNull(owner, "owner");
        collectionIds = Set.copyOf(collectionIds);
        documentIds = documentIds == null ? Set.of() : Set.copyOf(documentIds);
        excludedDocumentIds = excludedDocumentIds == null ? Set.of() : Set.copyOf(excludedDocumentIds);
        metadata = metadata == null ? Optional.empty() : metadata;
        if (collectionIds.isEmpty()) {
            throw new IllegalArgumentException("a search scope names at least one collection");
        }
    }

    /** The owner's chunks in these collections. */
    public static SearchScope of(String owner, Set<String> collectionIds) {
        return new SearchScope(Optional.of(owner), collectionIds, Set.of(), Set.of(), Optional.empty());
    }

    /** Chunks of these collections whoever owns them: only once access to each was checked. */
    public static SearchScope anyOwner(Set<String> collectionIds) {
        return new SearchScope(Optional.empty(), collectionIds, Set.of(), Set.of(), Optional.empty());
    }

    public SearchScope withDocuments(Set<String> ids) {
        return new SearchScope(owner, collectionIds, ids, excludedDocumentIds, metadata);
    }

    public SearchScope withoutDocuments(Set<String> ids) {
        return new SearchScope(owner, collectionIds, documentIds, ids, metadata);
    }

    public SearchScope withMetadata(Optional<MetadataFilter> filter) {
        return new SearchScope(owner, collectionIds, documentIds, excludedDocumentIds, filter);
    }
}
