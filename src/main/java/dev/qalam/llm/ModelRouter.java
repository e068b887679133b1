package dev.qalam.llm;

import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.llm.provider.ProviderRegistry;
import dev.qalam.llm.provider.ProviderSettings;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The one way from Java to a model: resolves a catalogue model, picks its provider in the
 * {@link ProviderRegistry}, calls it under the provider's fault tolerance policies and, for chat, falls back to
 * the catalogue's fallback models when a provider fails in a way another might not (retriable failures, an open
 * circuit), always before anything was returned. Answers are domain types ({@link ChatResult}, a
 * {@link ChatStream}, {@code float[][]}), never OpenAI wire objects; failures are {@code ApiException}s from
 * {@link LlmErrors}, with the statuses the OpenAI-compatible endpoints answer.
 *
 * <p>What stays with the callers: budgets, the usage ledger and the wire mapping belong to the OpenAI-facing
 * services ({@link ChatService}, {@link EmbeddingsService}) and to the features that call the router. The
 * router records each model's latency, which describes the model whoever called it.
 *
 * <p>A caller that charges a budget resolves first ({@link #chatRoute}, {@link #embeddingRoute}: unknown model
 * 404, wrong kind 400, provider not configured 503), charges, then calls with the route, so that a request
 * refused for its model costs nothing. Others call {@link #chat(ChatRequest)}, {@link #openStream(ChatRequest)}
 * or {@link #embed(String, List)} directly.
 */
@ApplicationScoped
public class ModelRouter {

    @Inject
    ModelCatalog catalog;

    @Inject
    ProviderRegistry registry;

    @Inject
    ProviderSettings settings;

    @Inject
    LatencyStats latency;

    /** A chat model resolved in the catalogue: the model first, then its fallbacks that can be served now. */
    public record ChatRoute(String model, List<CatalogModel> candidates) {
        public ChatRoute {
            candidates = List.copyOf(candidates);
        }
    }

    /** An embedding model resolved in the catalogue, with where and by what it is served. */
    public record EmbeddingRoute(String model, CatalogModel servedBy, ProviderTarget target,
                                 ProviderRegistry.Provider provider, EmbeddingProvider embeddings) {

        /** The model's vector length, or 0 when it is only known from an answer. */
        public int dimensions() {
            return embeddings.dimensions(target);
        }
    }

    /** A whole answer and the catalogue model that gave it (the requested one, or a fallback). */
    public record ChatAnswer(CatalogModel servedBy, ChatResult result) {
    }

    /**
     * A stream whose provider accepted the request: nothing has been read yet. The caller pumps it (on any
     * thread) and cancels it when it is done or its own client went away.
     */
    public record OpenStream(CatalogModel servedBy, ChatStream stream) {
    }

    /** Vectors in the order of the texts, the tokens the provider counted, and the model that made them. */
    public record Embeddings(CatalogModel servedBy, float[][] vectors, int promptTokens) {
    }

    /** The requested model first, then its configured fallbacks; 404 unknown, 400 an embedding model, 503 not configured. */
    public ChatRoute chatRoute(String model) {
        CatalogModel m = catalog.find(model).orElseThrow(() -> LlmErrors.modelNotFound(model));
        if (m.isEmbedding()) {
            throw LlmErrors.embeddingModelForChat(model);
        }
        if (!catalog.isAvailable(m)) {
            throw notConfigured(m);
        }
        List<CatalogModel> out = new ArrayList<>();
        out.add(m);
        for (String f : m.fallbacks()) {
            catalog.find(f).filter(x -> !x.isEmbedding() && catalog.isAvailable(x) && !out.contains(x)).ifPresent(out::add);
        }
        return new ChatRoute(model, out);
    }

    /** A whole answer to {@code request} from the model it names (or a fallback). */
    public ChatAnswer chat(ChatRequest request) {
        return chat(chatRoute(request.model()), request);
    }

    public ChatAnswer chat(ChatRoute route, ChatRequest request) {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        Attempt<ChatResult> a = attempt(route, (m, t) -> m.provider().call(() -> m.provider().chat().chat(t, request)));
        latency.record(a.model().id(), Duration.ofNanos(System.nanoTime() - start));
        return new ChatAnswer(a.model(), a.value());
    }

    /** Opens a streamed answer: returns once a provider accepted it, so that every refusal is still an exception. */
    public OpenStream openStream(ChatRequest request) {
        return openStream(chatRoute(request.model()), request);
    }

    public OpenStream openStream(ChatRoute route, ChatRequest request) {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        Attempt<ChatStream> a = attempt(route, (m, t) -> m.provider().call(() -> m.provider().chat().openStream(t, request)));
        return new OpenStream(a.model(), timed(a.model(), a.value(), start));
    }

    /** An embedding model; 404 unknown, 400 a chat model, 503 when it cannot be served here. */
    public EmbeddingRoute embeddingRoute(String model) {
        CatalogModel m = catalog.find(model).orElseThrow(() -> LlmErrors.modelNotFound(model));
        if (!m.isEmbedding()) {
            throw LlmErrors.chatModelForEmbeddings(model);
        }
        if (!catalog.isAvailable(m)) {
            throw notConfigured(m);
        }
        ProviderRegistry.Provider p = registry.find(m.provider()).orElseThrow(() -> notConfigured(m));
        if (p.embeddings() == null) {
            throw p.inProcess() ? LlmErrors.inProcessModelMissing(m.id()) : LlmErrors.providerHasNoEmbeddings(m);
        }
        ProviderTarget t = catalog.target(m).orElseThrow(() -> notConfigured(m));
        return new EmbeddingRoute(model, m, t, p, p.embeddings());
    }

    /** Plain vectors for {@code texts}, in order, from an embedding model of the catalogue. */
    public float[][] embed(String model, List<String> texts) {
        return embed(embeddingRoute(model), texts).vectors();
    }

    public Embeddings embed(EmbeddingRoute route, List<String> texts) {
        checkInputs(route, texts);
        long start = System.nanoTime();
        EmbeddingProvider.Embeddings e;
        try {
            e = route.provider().call(() -> route.embeddings().embed(route.target(), texts));
        } catch (UpstreamException ex) {
            throw LlmErrors.upstream(ex);
        }
        latency.record(route.servedBy().id(), Duration.ofNanos(System.nanoTime() - start));
        return new Embeddings(route.servedBy(), e.vectors().toArray(new float[0][]), e.promptTokens());
    }

    /**
     * 400 {@code context_length_exceeded} for the first text longer than the model's context, as OpenAI refuses
     * it (the model would otherwise embed only its start); cheap whatever the texts' size. Inputs of upstream
     * models are left to the upstream, which refuses them itself.
     */
    public void checkInputs(EmbeddingRoute route, List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        route.embeddings().firstOversized(route.target(), texts).ifPresent(o -> {
            throw LlmErrors.inputTooLong(route.model(), o, texts.get(o.index()).length());
        });
    }

    private RuntimeException notConfigured(CatalogModel m) {
        return LlmErrors.providerNotConfigured(m, settings.keyVariable(m.provider()));
    }

    /** A candidate with its provider, as the attempt loop hands it over. */
    private record Hop(CatalogModel model, ProviderRegistry.Provider provider) {
    }

    private record Attempt<T>(CatalogModel model, T value) {
    }

    private <T> Attempt<T> attempt(ChatRoute route, BiFunction<Hop, ProviderTarget, T> call) {
        UpstreamException first = null;
        for (CatalogModel m : route.candidates()) {
            ProviderTarget t = catalog.target(m).orElseThrow(() -> notConfigured(m));
            ProviderRegistry.Provider p = registry.find(m.provider()).orElseThrow(() -> notConfigured(m));
            try {
                return new Attempt<>(m, call.apply(new Hop(m, p), t));
            } catch (UpstreamException e) {
                if (!e.retriable()) {
                    throw LlmErrors.upstream(e);
                }
                first = first == null ? e : first;
            }
        }
        throw LlmErrors.upstream(first);
    }

    /**
     * Records the model's latency as a stream's time to its first increment (or to its end, if it had none and
     * ended normally).
     */
    private ChatStream timed(CatalogModel model, ChatStream stream, long start) {
        return new ChatStream() {
            private boolean recorded;

            @Override
            public void pump(ChatStreamSink sink) {
                stream.pump(new ChatStreamSink() {
                    @Override
                    public void delta(ChunkDelta delta) {
                        record();
                        sink.delta(delta);
                    }

                    @Override
                    public void usage(Usage usage) {
                        sink.usage(usage);
                    }

                    @Override
                    public boolean cancelled() {
                        return sink.cancelled();
                    }
                });
                record();
            }

            private void record() {
                if (!recorded) {
                    recorded = true;
                    latency.record(model.id(), Duration.ofNanos(System.nanoTime() - start));
                }
            }

            @Override
            public void cancel() {
                stream.cancel();
            }
        };
    }
}
