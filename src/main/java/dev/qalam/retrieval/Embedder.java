package dev.qalam.retrieval;

import dev.qalam.llm.ModelRouter;
import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.search.Embedding;
import dev.qalam.text.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chunks and queries as vectors of the configured embedding model ({@code QALAM_RETRIEVAL_EMBEDDING_MODEL},
 * through the router). A model that cannot be served here (not in the catalogue, its provider not configured)
 * means no vectors: chunks and queries are then found by their words alone. A text longer than the model's
 * window is cut to fit it: the model reads only its start anyway, and the chunk stays whole in the index.
 */
@ApplicationScoped
public class Embedder {

    private static final Logger LOG = Logger.getLogger(Embedder.class.getName());

    @Inject
    ModelRouter router;

    @Inject
    RetrievalConfig config;

    @Inject
    @ConfigProperty(name = "QALAM_EMBEDDING_MODEL_DIR")
    Optional<String> modelDir;

    /** The route to the model, or empty when it cannot be served here (logged). */
    Optional<ModelRouter.EmbeddingRoute> route() {
        try {
            return Optional.of(router.embeddingRoute(config.embeddingModel()));
        } catch (ApiException e) {
            LOG.log(Level.WARNING, () -> "Retrieval embedding model " + config.embeddingModel()
                    + " cannot be used; searching by words only: " + e.getMessage());
            return Optional.empty();
        }
    }

    public String model() {
        return config.embeddingModel();
    }

    /**
     * Vectors for the texts, in order, or empty when the model cannot be served here.
     *
     * @throws ApiException when the model is there but failed (an upstream error): the caller decides
     */
    public Optional<float[][]> embed(List<String> texts) {
        Optional<ModelRouter.EmbeddingRoute> route = route();
        if (route.isEmpty() || texts.isEmpty()) {
            return route.map(r -> new float[0][]);
        }
        return Optional.of(embeddings(route.get(), texts).vectors());
    }

    private ModelRouter.Embeddings embeddings(ModelRouter.EmbeddingRoute route, List<String> texts) {
        List<String> fitted = new ArrayList<>(texts.size());
        for (String t : texts) {
            fitted.add(fit(route, t));
        }
        return router.embed(route, fitted);
    }

    /** A query's vector as the index takes it (null: search by words only) and the tokens embedding it took. */
    public record QueryVector(Embedding embedding, int tokens) {
        static final QueryVector NONE = new QueryVector(null, 0);
    }

    /**
     * The query's vector, or none (words only) when there is no model or it failed now, and for an Arabic query
     * while the model is the bundled English one: its Arabic vectors are nearly equally similar to each other,
     * so they only reorder what BM25 ranked right (bench/retrieval: Arabic MRR 0.844 by words alone, 0.799
     * hybrid). A configured model ({@code QALAM_EMBEDDING_MODEL_DIR}, an upstream one) is always used.
     */
    public QueryVector embedQuery(String query) {
        if (query == null || query.isBlank()) {
            return QueryVector.NONE;
        }
        try {
            Optional<ModelRouter.EmbeddingRoute> route = route();
            if (route.isEmpty() || (Language.of(query) == Language.ARABIC && bundledEnglishModel(route.get()))) {
                return QueryVector.NONE;
            }
            ModelRouter.Embeddings e = embeddings(route.get(), List.of(query));
            return new QueryVector(toEmbedding(e.vectors()[0]), e.promptTokens());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not embed a query; searching by words only", e);
            return QueryVector.NONE;
        }
    }

    private boolean bundledEnglishModel(ModelRouter.EmbeddingRoute route) {
        return route.provider().inProcess() && modelDir.filter(d -> !d.isBlank()).isEmpty();
    }

    Embedding toEmbedding(float[] vector) {
        return toEmbedding(model(), vector);
    }

    /** A stored vector as the index takes it; null for one the index cannot compare (a zero vector). */
    Embedding toEmbedding(String model, float[] vector) {
        if (vector == null || vector.length == 0 || model == null) {
            return null;
        }
        try {
            return new Embedding(model, vector);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String fit(ModelRouter.EmbeddingRoute route, String text) {
        String t = text;
        for (int i = 0; i < 8; i++) {
            Optional<EmbeddingProvider.Oversized> o = route.embeddings().firstOversized(route.target(), List.of(t));
            if (o.isEmpty() || t.length() < 20) {
                return t;
            }
            double keep = Math.min(0.9, 0.95 * o.get().limit() / (double) Math.max(1, o.get().tokens()));
            t = t.substring(0, Math.max(10, (int) (t.length() * keep)));
        }
        return t;
    }
}
