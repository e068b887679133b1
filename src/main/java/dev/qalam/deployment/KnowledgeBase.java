package dev.qalam.deployment;

import dev.qalam.deployment.api.RagContext;
import dev.qalam.search.filter.MetadataFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * A deployment's knowledge base: its collections, searched for the {@code top_k} passages that best match the
 * retrieval query and pass {@code filter_metadata}. A deployment without collections answers from the
 * conversation and its attachments alone.
 */
@ApplicationScoped
public class KnowledgeBase {

    /** The passages found and the tokens the query's embedding took. */
    public record Found(List<RagContext> contexts, int embeddingTokens) {
    }

    public Found search(Deployment deployment, String query, Optional<MetadataFilter> filter) {
        return new Found(List.of(), 0);
    }
}
