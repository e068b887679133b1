package dev.qalam.llm;

import dev.qalam.llm.api.ChatCompletion;
import dev.qalam.llm.api.CompletionUsage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/chat/completions}: resolves the model through the {@link ModelRouter}, charges the caller's
 * request budget once (after the model is known to exist, before any provider is called), lets the router
 * answer (with its fallbacks), records the tokens in the usage ledger and maps the answer to OpenAI's wire
 * objects.
 */
@ApplicationScoped
public class ChatService {

    @Inject
    ModelRouter router;

    @Inject
    Budgets budgets;

    @Inject
    UsageLedger ledger;

    /** A stream whose upstream accepted the request, with what the client is told about it. */
    public record OpenedStream(String id, long created, String model, CatalogModel servedBy, ChatStream stream,
                               long startNanos) {
    }

    public ChatCompletion complete(QalamPrincipal caller, ChatRequest request) {
        ModelRouter.ChatRoute route = router.chatRoute(request.model());
        budgets.chargeRequest(caller);
        long start = System.nanoTime();
        ModelRouter.ChatAnswer a = router.chat(route, request);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ChatResult r = a.result();
        ledger.record(caller, request.model(), a.servedBy().id(), "chat.completions", r.usage().promptTokens(),
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

    /**
     * Validates, charges and opens the upstream stream: everything that can fail before the first byte. The
     * stream records its usage in the ledger when its pump ends, whether it ended in full, failed, or was left
     * by its client.
     */
    public OpenedStream openStream(QalamPrincipal caller, ChatRequest request) {
        ModelRouter.ChatRoute route = router.chatRoute(request.model());
        budgets.chargeRequest(caller);
        long start = System.nanoTime();
        ModelRouter.OpenStream s = router.openStream(route, request);
        ChatStream metered = new MeteredStream(s.stream(), usage -> ledger.record(caller, request.model(),
                s.servedBy().id(), "chat.completions", usage.promptTokens(), usage.completionTokens(),
                Duration.ofNanos(System.nanoTime() - start).toMillis()));
        return new OpenedStream(newId(), nowSeconds(), request.model(), s.servedBy(), metered, start);
    }

    static String newId() {
        return "chatcmpl-" + Ids.hex(12);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
