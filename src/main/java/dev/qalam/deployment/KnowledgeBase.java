package dev.qalam.deployment;

import dev.qalam.deployment.api.RagContext;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.retrieval.RetrievalRepository;
import dev.qalam.retrieval.RetrievalService;
import dev.qalam.retrieval.RetrievedChunk;
import dev.qalam.search.filter.MetadataFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deployment's knowledge base: its alRetrieval collections, searched through {@link RetrievalService} (the
 * hybrid index over ready documents, with {@code filter_metadata}) for the deployment's {@code top_k} passages.
 * A deployment without collections answers from the conversation and its attachments alone; a collection
 * deleted after the deployment was made simply contributes nothing.
 */
@ApplicationScoped
public class KnowledgeBase {

    @Inject
    RetrievalService retrieval;

    @Inject
    RetrievalRepository collections;

    /** The passages found and the tokens the query's embedding took. */
    public record Found(List<RagContext> contexts, int embeddingTokens) {
    }

    /**
     * 400 {@code collection_not_found} naming the first collection a deployment of {@code teamId} may not use:
     * one that does not exist, or, unless the operator's own key creates the deployment, one that is not the
     * team's (docs/api-contract.md: "one created with the admin key may name any collection").
     */
    public void checkCollections(QalamPrincipal caller, String teamId, List<String> collectionIds) {
        boolean anyCollection = caller.method() == QalamPrincipal.AuthMethod.ADMIN_KEY;
        String owner = QalamPrincipal.ownerOfTeam(teamId);
        for (int i = 0; i < collectionIds.size(); i++) {
            String id = collectionIds.get(i);
            boolean usable = anyCollection ? collections.collection(id).isPresent()
                    : collections.collectionOwned(id, owner).isPresent();
            if (!usable) {
                throw ApiException.badRequest("collection_not_found", "collection_ids[" + i + "]: no collection '"
                        + id + "'" + (anyCollection ? "." : " of team '" + teamId + "'."));
            }
        }
    }

    public Found search(Deployment deployment, String query, Optional<MetadataFilter> filter) {
        List<String> ids = deployment.collectionIds();
        if (ids.isEmpty() || query == null || query.isBlank()) {
            return new Found(List.of(), 0);
        }
        RetrievalService.Found found = retrieval.search(ids, query, deployment.topK(), filter.orElse(null));
        List<RagContext> contexts = new ArrayList<>(found.chunks().size());
        for (RetrievedChunk c : found.chunks()) {
            contexts.add(new RagContext(c.chunkId(), c.documentId(), c.filename(), c.title(), c.text(), c.score(),
                    c.pages(), c.metadata()));
        }
        return new Found(contexts, found.queryEmbeddingTokens());
    }
}
