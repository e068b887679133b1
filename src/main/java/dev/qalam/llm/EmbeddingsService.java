package dev.qalam.llm;

import dev.qalam.llm.api.EmbeddingList;
import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.llm.provider.InProcess;
import dev.qalam.llm.provider.ProviderSettings;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.UpstreamGuard;
import dev.qalam.llm.provider.openai.OpenAiCompatibleProvider;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Embeddings: routes the catalogue's embedding models to the in-process model (provider {@code local}) or
 * to an OpenAI-compatible upstream, then shortens vectors to the requested {@code dimensions} (renormalised,
 * as OpenAI's shortened embeddings are) and encodes them as numbers or base64 little-endian float32.
 */
@ApplicationScoped
public class EmbeddingsService {

    public record EmbeddingRequest(String model, List<String> inputs, boolean base64, Integer dimensions) {
    }

    @Inject
    ModelCatalog catalog;

    @Inject
    Budgets budgets;

    @Inject
    UpstreamGuard guard;

    @Inject
    LatencyStats latency;

    @Inject
    UsageLedger ledger;

    @Inject
    OpenAiCompatibleProvider upstream;

    @Inject
    @InProcess
    Instance<EmbeddingProvider> inProcess;

    public EmbeddingList embed(QalamPrincipal caller, EmbeddingRequest request) {
        CatalogModel m = catalog.find(request.model()).orElseThrow(() -> LlmErrors.modelNotFound(request.model()));
        if (!m.isEmbedding()) {
            throw LlmErrors.chatModelForEmbeddings(request.model());
        }
        if (!catalog.isAvailable(m)) {
            throw LlmErrors.providerNotConfigured(m);
        }
        ProviderTarget target = catalog.target(m).orElseThrow(() -> LlmErrors.providerNotConfigured(m));
        EmbeddingProvider provider = provider(m);
        int modelDims = provider.dimensions(target);
        if (request.dimensions() != null && modelDims > 0 && request.dimensions() > modelDims) {
            throw LlmErrors.dimensionsTooLarge(request.model(), modelDims);
        }
        budgets.chargeRequest(caller);
        long start = System.nanoTime();
        EmbeddingProvider.Embeddings e;
        try {
            e = UpstreamGuard.call(guard, target.provider(), () -> provider.embed(target, request.inputs()));
        } catch (UpstreamException ex) {
            throw LlmErrors.upstream(ex);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        latency.record(m.id(), took);
        ledger.record(caller, request.model(), m.id(), "embeddings", e.promptTokens(), 0, took.toMillis());
        List<EmbeddingList.Item> items = new ArrayList<>(e.vectors().size());
        for (int i = 0; i < e.vectors().size(); i++) {
            float[] v = e.vectors().get(i);
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

    private EmbeddingProvider provider(CatalogModel m) {
        if (!ProviderSettings.LOCAL.equals(m.provider())) {
            return upstream;
        }
        if (inProcess.isUnsatisfied()) {
            throw LlmErrors.inProcessModelMissing(m.id());
        }
        return inProcess.get();
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
