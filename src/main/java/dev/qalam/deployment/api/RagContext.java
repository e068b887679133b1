package dev.qalam.deployment.api;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.Map;

/**
 * A passage of the deployment's knowledge base that the answer was given with ({@code contexts} of the Deployment
 * API's answers).
 *
 * @param id         the chunk's id
 * @param documentId the document it comes from
 * @param filename   that document's file name
 * @param title      the chunk's section title, or its document's title
 * @param text       the passage
 * @param score      its relevance to the retrieval query, 0..1, higher is better
 * @param pages      the document pages the passage spans
 * @param metadata   the document's file properties (what {@code filter_metadata} filters on)
 */
public record RagContext(String id, String documentId, @JsonbNillable String filename, @JsonbNillable String title,
                         String text, double score, List<Integer> pages, Map<String, Object> metadata) {
}
