package dev.qalam.deployment;

import dev.qalam.deployment.api.RagContext;
import dev.qalam.llm.ModelRouter;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.retrieval.Embedder;
import dev.qalam.retrieval.RetrievalRepository;
import dev.qalam.retrieval.RetrievalService;
import dev.qalam.retrieval.RetrievedChunk;
import dev.qalam.search.filter.MetadataFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A deployment's knowledge base: its alRetrieval collections, searched through {@link RetrievalService} (the
 * hybrid index over ready documents, with {@code filter_metadata}) for the deployment's {@code top_k} passages.
 * A deployment without collections answers from the conversation and its attachments alone; a collection
 * deleted after the deployment was made simply contributes nothing.
 */
@ApplicationScoped
public class KnowledgeBase {

    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class.getName());

    @Inject
    RetrievalService retrieval;

    @Inject
    RetrievalRepository collections;

    @Inject
    Embedder embedder;

    @Inject
    ModelRouter router;

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
        List<RetrievedChunk> chunks = retrieval.search(ids, query, deployment.topK(), filter.orElse(null));
        List<RagContext> contexts = new ArrayList<>(chunks.size());
        for (RetrievedChunk c : chunks) {
            contexts.add(new RagContext(c.chunkId(), c.documentId(), c.filename(), c.title(), c.text(), c.score(),
                    c.pages(), c.metadata()));
        }
        return new Found(contexts, embeddingTokens(query));
    }

    /**
     * The tokens of the query's embedding, as the retrieval embedding model counts them ({@code usage}'s
     * {@code prompt_embedding_tokens}). {@link RetrievalService#search} does not report them, so the query is
     * measured with one more call to the same model; 0 when that model cannot be served here (retrieval then
     * searched by words alone).
     */
    private int embeddingTokens(String query) {
        try {
            return router.embed(router.embeddingRoute(embedder.model()), List.of(query)).promptTokens();
        } catch (ApiException e) {
            LOG.log(Level.FINE, "No embedding tokens for a deployment query", e);
            return 0;
        }
    }
}
