package dev.qalam.search;

import java.util.Map;
import java.util.Objects;

/**
 * A chunk as the index receives it: what it searches (title and text, vector, scope and metadata) and
 * what a hit gives back.
 *
 * @param chunkId unique in the whole index and stable: upserting the same id replaces the chunk, so an
 *     ingestion step that is redone after a crash writes the same chunks again instead of duplicates
 *     (e.g. {@code <documentId>:<ordinal>})
 * @param owner the owner of the collection (team or key), the unit of access
 * @param title the section or slide title, or the document's title; may be empty
 * @param text the chunk's text, already normalised for display (direction marks removed)
 * @param pageStart first page (from 1)
 * @param pageEnd last page, at least {@code pageStart}
 * @param language the chunk's language code ({@code ar}, {@code en}, ...), kept and returned; analysis does
 *     not depend on it (see the {@code analysis} package)
 * @param embedding the chunk's vector, or {@code null} for a chunk found by its words only
 * @param metadata the document's file properties, as {@link dev.qalam.search.filter.PropertyValues#validate}
 *     returns them; the same on every chunk of a document
 */
public record IndexedChunk(String chunkId, String owner, String collectionId, String documentId, String title,
        String text, int pageStart, int pageEnd, String language, Embedding embedding, Map<String, Object> metadata) {

    public IndexedChunk {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(collectionId, "collectionId");
        Objects.requireNonNull(documentId, "documentId");
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
        language = language == null ? "" : language;
        metadata = metadata == null ? Map.of() : metadata;
        if (chunkId.isEmpty() || owner.isEmpty() || collectionId.isEmpty() || documentId.isEmpty()) {
            throw new IllegalArgumentException("chunk, owner, collection and document ids must not be empty");
        }
        if (pageStart < 1 || pageEnd < pageStart) {
            throw new IllegalArgumentException("pages must satisfy 1 <= pageStart <= pageEnd, got "
                    + pageStart + ".." + pageEnd);
        }
    }

    /** The chunk as a hit carries it: everything but the vector. */
    public StoredChunk stored() {
        return new StoredChunk(chunkId, owner, collectionId, documentId, title, text, pageStart, pageEnd, language, metadata);
    }
}
