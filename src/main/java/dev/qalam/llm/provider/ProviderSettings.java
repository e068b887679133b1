package dev.qalam.llm.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Which upstream providers are configured, from MicroProfile Config (environment variables): a provider is
 * enabled once its key is set; its base URL defaults to the provider's public endpoint. The local
 * provider is always enabled.
 */
@ApplicationScoped
public class ProviderSettings {

    public static final String LOCAL = "local";

    /** Provider id -> environment variable prefix and public base URL. */
    private static final Map<String, String[]> PROVIDERS = Map.of(
            "openai", new String[]{"OPENAI", "https://api.openai.com/v1"},
            "groq", new String[]{"GROQ", "https://api.groq.com/openai/v1"},
            "gemini", new String[]{"GEMINI", "https://generativelanguage.googleapis.com/v1beta"},
            "deepcloud", new String[]{"DEEPCLOUD", "https://dev.alapi.deep.sa/v1"});

    @Inject
    Config config;

    /** Provider id -> its target template (base URL and key), read once: the environment does not change. */
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<ProviderTarget>> configured =
            new java.util.concurrent.ConcurrentHashMap<>();

    public boolean isKnown(String provider) {
        return LOCAL.equals(provider) || PROVIDERS.containsKey(provider);
    }

    public boolean isEnabled(String provider) {
        return LOCAL.equals(provider) || configured.computeIfAbsent(provider, this::read).isPresent();
    }

    /** The environment variable that enables {@code provider}, for error messages. */
    public static String keyVariable(String provider) {
        String[] p = PROVIDERS.get(provider);
        return p == null ? null : p[0] + "_API_KEY";
    }

    /** Where {@code upstreamModel} of {@code provider} is served, or empty when the provider is not configured. */
    public Optional<ProviderTarget> target(String provider, String upstreamModel) {
        if (LOCAL.equals(provider)) {
            return Optional.of(new ProviderTarget(LOCAL, upstreamModel, "", ""));
        }
        return configured.computeIfAbsent(provider, this::read)
                .map(t -> new ProviderTarget(provider, upstreamModel, t.baseUrl(), t.apiKey()));
    }

    private Optional<ProviderTarget> read(String provider) {
        String[] p = PROVIDERS.get(provider);
        if (p == null) {
            return Optional.empty();
        }
        return apiKey(provider).map(key -> new ProviderTarget(provider, null,
                config.getOptionalValue(p[0] + "_BASE_URL", String.class).filter(s -> !s.isBlank()).orElse(p[1]), key));
    }

    private Optional<String> apiKey(String provider) {
        String[] p = PROVIDERS.get(provider);
        return p == null ? Optional.empty()
                : config.getOptionalValue(p[0] + "_API_KEY", String.class).filter(s -> !s.isBlank());
    }

    /**
     * One HTTP client for every provider (it pools connections per host), with the configured time limits.
     * It keeps its own small thread pool: its callbacks only hand bytes and completions over to the threads
     * that wait for them and need no container context, which a managed executor would capture and
     * restore on every hand-over.
     */
    @Produces
    @Singleton
    UpstreamHttp upstreamHttp() {
        return new UpstreamHttp(new UpstreamHttp.Timeouts(
                millis("QALAM_LLM_CONNECT_TIMEOUT_MS", 10_000),
                millis("QALAM_LLM_ANSWER_TIMEOUT_MS", 180_000),
                millis("QALAM_LLM_STREAM_IDLE_TIMEOUT_MS", 60_000)), null);
    }

    private Duration millis(String key, long fallback) {
        return Duration.ofMillis(config.getOptionalValue(key, Long.class).filter(v -> v > 0).orElse(fallback));
    }
}
