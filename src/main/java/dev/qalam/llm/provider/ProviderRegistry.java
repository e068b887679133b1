package dev.qalam.llm.provider;

import dev.qalam.llm.provider.gemini.GeminiProvider;
import dev.qalam.llm.provider.local.ExtractiveProvider;
import dev.qalam.llm.provider.openai.OpenAiCompatibleProvider;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The providers a catalogue model can name, by id: the one place that knows which adapter speaks to which
 * provider, where its settings come from and which fault tolerance policies guard it. Adding a provider is a
 * row here (and a method on {@link UpstreamGuard} for its own circuit breaker); nothing else chooses adapters.
 */
@ApplicationScoped
public class ProviderRegistry {

    /** Runs an upstream call under one provider's fault tolerance policies. */
    @FunctionalInterface
    public interface Guard {
        <T> T call(Supplier<T> call);

        /** No policies: for providers in this process. */
        Guard NONE = Supplier::get;
    }

    /**
     * One provider.
     *
     * @param configPrefix the prefix of its settings ({@code OPENAI} for {@code OPENAI_API_KEY} and
     *     {@code OPENAI_BASE_URL}); null for a provider in this process, which needs none and is always enabled
     * @param defaultBaseUrl its public endpoint, used when no base URL is set; null in process
     * @param embeddings its embeddings adapter, or null when it serves none
     */
    public record Provider(String id, String configPrefix, String defaultBaseUrl, ChatProvider chat,
                           EmbeddingProvider embeddings, Guard guard) {

        public Provider {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(chat, "chat");
            guard = guard == null ? Guard.NONE : guard;
        }

        public boolean inProcess() {
            return configPrefix == null;
        }

        /** The environment variable that enables it, or null for a provider in this process. */
        public String keyVariable() {
            return configPrefix == null ? null : configPrefix + "_API_KEY";
        }

        /**
         * Runs an upstream call under the provider's policies. An open circuit or a full bulkhead becomes a
         * retriable 503 of this provider, so that callers try a fallback model or tell the client, as for any
         * other upstream failure.
         */
        public <T> T call(Supplier<T> call) {
            try {
                return guard.call(call);
            } catch (CircuitBreakerOpenException | BulkheadException e) {
                throw UpstreamGuard.unavailable(id, e);
            }
        }
    }

    @Inject
    OpenAiCompatibleProvider openAi;

    @Inject
    GeminiProvider gemini;

    @Inject
    ExtractiveProvider extractive;

    @Inject
    @InProcess
    Instance<EmbeddingProvider> inProcessEmbeddings;

    @Inject
    UpstreamGuard guard;

    private Map<String, Provider> byId;

    /** For CDI: the providers are registered once the adapters are injected. */
    public ProviderRegistry() {
    }

    /** Outside a container (tests): exactly these providers. */
    public ProviderRegistry(List<Provider> providers) {
        register(providers);
    }

    @PostConstruct
    void registerAll() {
        EmbeddingProvider local = inProcessEmbeddings.isResolvable() ? inProcessEmbeddings.get() : null;
        register(List.of(
                new Provider("openai", "OPENAI", "https://api.openai.com/v1", openAi, openAi, guard::openai),
                new Provider("groq", "GROQ", "https://api.groq.com/openai/v1", openAi, openAi, guard::groq),
                new Provider("gemini", "GEMINI", "https://generativelanguage.googleapis.com/v1beta", gemini, null,
                        guard::gemini),
                new Provider("deepcloud", "DEEPCLOUD", "https://dev.alapi.deep.sa/v1", openAi, openAi, guard::deepcloud),
                new Provider(ProviderSettings.LOCAL, null, null, extractive, local, Guard.NONE)));
    }

    private void register(List<Provider> providers) {
        Map<String, Provider> m = new LinkedHashMap<>();
        for (Provider p : providers) {
            if (m.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("Provider " + p.id() + " is registered twice");
            }
        }
        byId = m;
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public Collection<Provider> all() {
        return byId.values();
    }
}
