package dev.qalam.llm.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * Which providers are configured, from MicroProfile Config (environment variables): a provider of the
 * {@link ProviderRegistry} is enabled once its {@code <PREFIX>_API_KEY} is set; its {@code <PREFIX>_BASE_URL}
 * defaults to the provider's public endpoint. Providers in this process are always enabled.
 */
@ApplicationScoped
public class ProviderSettings {

    public static final String LOCAL = "local";

    @Inject
    Config config;

    @Inject
    ProviderRegistry registry;

    /** For CDI. */
    public ProviderSettings() {
    }

    /** Outside a container (tests, tools): settings from {@code config} for the providers of {@code registry}. */
    public ProviderSettings(Config config, ProviderRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Provider id -> its target template (base URL and key), read once: the environment does not change. */
    private final ConcurrentHashMap<String, Optional<ProviderTarget>> configured = new ConcurrentHashMap<>();

    public boolean isKnown(String provider) {
        return registry.find(provider).isPresent();
    }

    public boolean isEnabled(String provider) {
        return configured.computeIfAbsent(provider, this::read).isPresent();
    }

    /** The environment variable that enables {@code provider}, for error messages; null if it needs none. */
    public String keyVariable(String provider) {
        return registry.find(provider).map(ProviderRegistry.Provider::keyVariable).orElse(null);
    }

    /** Where {@code upstreamModel} of {@code provider} is served, or empty when the provider is not configured. */
    public Optional<ProviderTarget> target(String provider, String upstreamModel) {
        return configured.computeIfAbsent(provider, this::read)
                .map(t -> new ProviderTarget(provider, upstreamModel, t.baseUrl(), t.apiKey()));
    }

    private Optional<ProviderTarget> read(String provider) {
        ProviderRegistry.Provider p = registry.find(provider).orElse(null);
        if (p == null) {
            return Optional.empty();
        }
        if (p.inProcess()) {
            return Optional.of(new ProviderTarget(provider, null, "", ""));
        }
        return config.getOptionalValue(p.configPrefix() + "_API_KEY", String.class).filter(s -> !s.isBlank())
                .map(key -> new ProviderTarget(provider, null, config.getOptionalValue(p.configPrefix() + "_BASE_URL",
                        String.class).filter(s -> !s.isBlank()).orElse(p.defaultBaseUrl()), key));
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
