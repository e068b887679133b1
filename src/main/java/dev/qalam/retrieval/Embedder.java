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

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_VECTOR_WEIGHT_EN")
    Optional<Double> vectorWeightEnglish;

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_VECTOR_WEIGHT_AR")
    Optional<Double> vectorWeightArabic;

    /**
     * The vector side's weight in the fused score for a query in each language while the model is the bundled
     * English one, chosen on bench/retrieval's tuning split: English questions gain from its vectors (they
     * paraphrase what BM25 matches literally), Arabic ones lose (the model reads Arabic as strings of letters,
     * so all Arabic vectors are about equally similar and only reorder what BM25 ranked right).
     */
    static final double BUNDLED_WEIGHT_ENGLISH = 0.8;
    static final double BUNDLED_WEIGHT_ARABIC = 0.0;
    /** Any other model (configured for its languages): both sides alike. */
    static final double OTHER_MODEL_WEIGHT = 0.5;

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

    /**
     * A query's vector as the index takes it (null: search by words only), the weight of the vector side in the
     * fused score (0..1, the words have the rest) and the tokens embedding it took.
     */
    public record QueryVector(Embedding embedding, double weight, int tokens) {
        static final QueryVector NONE = new QueryVector(null, 0, 0);
    }

    /**
     * The query's vector and its weight, or none (words only) when there is no model or it failed now, and
     * when the weight for the query's language is 0. The weight says how well the model reads the query's
     * language ({@code QALAM_RETRIEVAL_VECTOR_WEIGHT_EN}, {@code QALAM_RETRIEVAL_VECTOR_WEIGHT_AR}); by
     * default {@value #BUNDLED_WEIGHT_ENGLISH} for English and {@value #BUNDLED_WEIGHT_ARABIC} for Arabic
     * with the bundled English model (bench/retrieval), {@value #OTHER_MODEL_WEIGHT} for both with any other.
     */
    public QueryVector embedQuery(String query) {
        if (query == null || query.isBlank()) {
            return QueryVector.NONE;
        }
        try {
            Optional<ModelRouter.EmbeddingRoute> route = route();
            if (route.isEmpty()) {
                return QueryVector.NONE;
            }
            double weight = vectorWeight(Language.of(query), bundledEnglishModel(route.get()));
            if (weight <= 0) {
                return QueryVector.NONE;
            }
            ModelRouter.Embeddings e = embeddings(route.get(), List.of(query));
            return new QueryVector(toEmbedding(e.vectors()[0]), weight, e.promptTokens());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not embed a query; searching by words only", e);
            return QueryVector.NONE;
        }
    }

    double vectorWeight(Language language, boolean bundledEnglishModel) {
        Optional<Double> configured = language == Language.ARABIC ? vectorWeightArabic : vectorWeightEnglish;
        double weight = configured.orElse(!bundledEnglishModel ? OTHER_MODEL_WEIGHT
                : language == Language.ARABIC ? BUNDLED_WEIGHT_ARABIC : BUNDLED_WEIGHT_ENGLISH);
        return Math.max(0, Math.min(1, weight));
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
