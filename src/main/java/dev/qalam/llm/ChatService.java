package dev.qalam.llm;

import dev.qalam.llm.api.ChatCompletion;
import dev.qalam.llm.api.CompletionUsage;
import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ProviderSettings;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.UpstreamGuard;
import dev.qalam.llm.provider.gemini.GeminiProvider;
import dev.qalam.llm.provider.local.ExtractiveProvider;
import dev.qalam.llm.provider.openai.OpenAiCompatibleProvider;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat completions: resolves the model in the catalogue, charges the caller's request budget once,
 * calls the model's provider through the fault tolerance guard and, when the provider fails in a way
 * another model might not (retriable failures, an open circuit), the catalogue's fallback models in
 * order, always before anything reached the client.
 */
@ApplicationScoped
public class ChatService {

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
    OpenAiCompatibleProvider openAi;

    @Inject
    GeminiProvider gemini;

    @Inject
    ExtractiveProvider extractive;

    /** A stream whose upstream accepted the request, with what the client is told about it. */
    public record OpenedStream(String id, long created, String model, CatalogModel servedBy, ChatStream stream,
                               long startNanos) {
    }

    public ChatCompletion complete(QalamPrincipal caller, ChatRequest request) {
        List<CatalogModel> candidates = candidates(request.model());
        budgets.chargeRequest(caller);
        long start = System.nanoTime();
        Attempt<ChatResult> a = attempt(candidates, (m, t) -> UpstreamGuard.call(guard, t.provider(), () -> provider(m).chat(t, request)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        latency.record(a.model().id(), took);
        ChatResult r = a.value();
        ledger.record(caller, request.model(), a.model().id(), "chat.completions", r.usage().promptTokens(),
                r.usage().completionTokens(), took.toMillis());
        List<ChatCompletion.Choice> choices = new ArrayList<>(r.choices().size());
        for (ChatResult.Choice c : r.choices()) {
            choices.add(new ChatCompletion.Choice(c.index(),
                    new ChatCompletion.Message("assistant", c.content(), null, c.toolCalls()), null,
                    c.finishReason() == null ? "stop" : c.finishReason()));
        }
        return new ChatCompletion(newId(), ChatCompletion.OBJECT, nowSeconds(), request.model(), choices,
                CompletionUsage.of(r.usage()));
    }

    /** Validates, charges and opens the upstream stream; everything that can fail before the first byte. */
    public OpenedStream openStream(QalamPrincipal caller, ChatRequest request) {
        List<CatalogModel> candidates = candidates(request.model());
        budgets.chargeRequest(caller);
        long start = System.nanoTime();
        Attempt<ChatStream> a = attempt(candidates, (m, t) -> UpstreamGuard.call(guard, t.provider(), () -> provider(m).openStream(t, request)));
        return new OpenedStream(newId(), nowSeconds(), request.model(), a.model(), a.value(), start);
    }

    /** Called once a stream has ended normally. */
    public void streamed(QalamPrincipal caller, OpenedStream s, dev.qalam.llm.provider.Usage usage, long firstChunkNanos) {
        long ttfb = (firstChunkNanos == 0 ? System.nanoTime() : firstChunkNanos) - s.startNanos();
        latency.record(s.servedBy().id(), Duration.ofNanos(ttfb));
        ledger.record(caller, s.model(), s.servedBy().id(), "chat.completions", usage.promptTokens(),
                usage.completionTokens(), Duration.ofNanos(System.nanoTime() - s.startNanos()).toMillis());
    }

    /** The requested model first, then its configured fallbacks; 404 for an unknown model. */
    List<CatalogModel> candidates(String id) {
        CatalogModel m = catalog.find(id).orElseThrow(() -> LlmErrors.modelNotFound(id));
        if (m.isEmbedding()) {
            throw LlmErrors.embeddingModelForChat(id);
        }
        if (!catalog.isAvailable(m)) {
            throw LlmErrors.providerNotConfigured(m);
        }
        List<CatalogModel> out = new ArrayList<>();
        out.add(m);
        for (String f : m.fallbacks()) {
            catalog.find(f).filter(x -> !x.isEmbedding() && catalog.isAvailable(x) && !out.contains(x)).ifPresent(out::add);
        }
        return out;
    }

    private record Attempt<T>(CatalogModel model, T value) {
    }

    private interface Call<T> {
        T call(CatalogModel model, ProviderTarget target);
    }

    private <T> Attempt<T> attempt(List<CatalogModel> candidates, Call<T> call) {
        UpstreamException last = null;
        for (CatalogModel m : candidates) {
            ProviderTarget t = catalog.target(m).orElseThrow(() -> LlmErrors.providerNotConfigured(m));
            try {
                return new Attempt<>(m, call.call(m, t));
            } catch (UpstreamException e) {
                if (!e.retriable()) {
                    throw LlmErrors.upstream(e);
                }
                last = last == null ? e : last;
            }
        }
        throw LlmErrors.upstream(last);
    }

    ChatProvider provider(CatalogModel m) {
        return switch (m.provider()) {
            case "gemini" -> gemini;
            case ProviderSettings.LOCAL -> extractive;
            default -> openAi;
        };
    }

    static String newId() {
        return "chatcmpl-" + Ids.hex(12);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
