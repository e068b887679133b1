package dev.qalam.retrieval;

import java.util.List;
import java.util.Map;

/**
 * A chunk found by {@link RetrievalService#search}, for features that build on retrieval (the Deployment
 * API's grounding).
 *
 * @param title the chunk's section or slide title, or its document's title when it has none
 * @param text the chunk's whole text
 * @param score the fused relevance, 0..1, higher is better (docs/search.md)
 * @param pages every page the chunk spans, in order
 * @param metadata its document's file properties
 */
public record RetrievedChunk(String chunkId, String documentId, String filename, String title, String text,
        double score, List<Integer> pages, Map<String, Object> metadata) {
}
