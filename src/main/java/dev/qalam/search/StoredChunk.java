package dev.qalam.search;

import java.util.Map;

/** A chunk as the index gives it back in a hit (an {@link IndexedChunk} without its vector). */
public record StoredChunk(String chunkId, String owner, String collectionId, String documentId, String title,
        String text, int pageStart, int pageEnd, String language, Map<String, Object> metadata) {
}
