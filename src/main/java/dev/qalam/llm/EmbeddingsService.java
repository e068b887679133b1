package dev.qalam.llm;

import dev.qalam.llm.api.EmbeddingList;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code /v1/embeddings}: resolves the model through the {@link ModelRouter} (the in-process model, provider
 * {@code local}, or an OpenAI-compatible upstream), refuses inputs over the model's context, charges the
 * caller's request budget, records the tokens in
 * the usage ledger, then shortens vectors to the requested {@code dimensions} (renormalised, as OpenAI's
 * shortened embeddings are) and encodes them as numbers or base64 little-endian float32.
 */
@ApplicationScoped
public class EmbeddingsService {

    public record EmbeddingRequest(String model, List<String> inputs, boolean base64, Integer dimensions) {
    }

    @Inject
    ModelRouter router;

    @Inject
    Budgets budgets;

    @Inject
    UsageLedger ledger;

    public EmbeddingList embed(QalamPrincipal caller, EmbeddingRequest request) {
        ModelRouter.EmbeddingRoute route = router.embeddingRoute(request.model());
        int modelDims = route.dimensions();
        if (request.dimensions() != null && modelDims > 0 && request.dimensions() > modelDims) {
            throw LlmErrors.dimensionsTooLarge(request.model(), modelDims);
        }
        router.checkInputs(route, request.inputs());
        budgets.chargeRequest(caller);
        long start = System.nanoTime();
        ModelRouter.Embeddings e = router.embed(route, request.inputs());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ledger.record(caller, request.model(), e.servedBy().id(), "embeddings", e.promptTokens(), 0, took.toMillis());
        List<EmbeddingList.Item> items = new ArrayList<>(e.vectors().length);
        for (int i = 0; i < e.vectors().length; i++) {
            float[] v = e.vectors()[i];
            if (request.dimensions() != null) {
                if (request.dimensions() > v.length) {
                    throw LlmErrors.dimensionsTooLarge(request.model(), v.length);
                }
                v = shorten(v, request.dimensions());
            }
            items.add(new EmbeddingList.Item("embedding", i, request.base64() ? base64(v) : numbers(v)));
        }
        return new EmbeddingList("list", items, request.model(),
                new EmbeddingList.Usage(e.promptTokens(), e.promptTokens()));
    }

    /** The first {@code dims} components, scaled back to unit length. */
    static float[] shorten(float[] v, int dims) {
        float[] out = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            out[i] = v[i];
            norm += (double) v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < dims; i++) {
                out[i] = (float) (out[i] / norm);
            }
        }
        return out;
    }

    /** Little-endian float32, base64: what OpenAI's {@code encoding_format=base64} returns. */
    static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Each float printed as the shortest decimal that reads back to it (as OpenAI prints them). */
    static double[] numbers(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.parseDouble(Float.toString(v[i]));
        }
        return out;
    }
}
