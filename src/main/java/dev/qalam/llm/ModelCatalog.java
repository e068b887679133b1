package dev.qalam.llm;

import dev.qalam.llm.provider.ProviderSettings;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.platform.json.JsonbProvider;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The models Qalam knows: the catalogue shipped with the server ({@code models.json} beside this class),
 * or the JSON file named by {@code QALAM_MODELS_FILE} (same shape) which replaces it entirely:
 * <pre>
 * {"models": [
 *   {"id": "llama-3.3-70b", "type": "llm", "owned_by": "groq", "created": 1764841634,
 *    "provider": "groq", "upstream_model": "llama-3.3-70b-versatile",
 *    "aliases": ["llama-3.3-70b-versatile"], "fallbacks": ["gpt-oss-20b"]}]}
 * </pre>
 * {@code provider} is one of {@code openai}, {@code groq}, {@code gemini}, {@code deepcloud} (enabled by
 * their {@code *_API_KEY}) or {@code local} (always). A model "can be served now" when its provider is
 * configured; fallbacks are tried in order, skipping those whose provider is not.
 */
@ApplicationScoped
public class ModelCatalog {

    /** The file's shape: {@code {"models":[{...}]}}. */
    public record CatalogFile(List<CatalogModel> models) {
    }

    @Inject
    ProviderSettings providers;

    @Inject
    @ConfigProperty(name = "QALAM_MODELS_FILE")
    Optional<String> modelsFile;

    private Map<String, CatalogModel> byId;
    private List<CatalogModel> ordered;

    @PostConstruct
    void load() {
        CatalogFile file;
        try (InputStream in = modelsFile.filter(s -> !s.isBlank())
                .map(ModelCatalog::open).orElseGet(() -> ModelCatalog.class.getResourceAsStream("models.json"))) {
            file = JsonbProvider.jsonb().fromJson(in, CatalogFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        init(file.models());
    }

    void init(List<CatalogModel> models) {
        Map<String, CatalogModel> m = new LinkedHashMap<>();
        for (CatalogModel c : models) {
            if (!providers.isKnown(c.provider())) {
                throw new IllegalStateException("Model catalogue: " + c.id() + " names unknown provider " + c.provider());
            }
            m.put(c.id(), c);
        }
        for (CatalogModel c : models) {
            for (String a : c.aliases()) {
                m.putIfAbsent(a, c);
            }
        }
        byId = m;
        ordered = models.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    private static InputStream open(String path) {
        try {
            return Files.newInputStream(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("QALAM_MODELS_FILE cannot be read: " + path, e);
        }
    }

    /** The model with this id or alias, whether or not it can be served now. */
    public Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public boolean isAvailable(CatalogModel m) {
        return providers.isEnabled(m.provider());
    }

    /** Every model that can be served now, by id. */
    public List<CatalogModel> available() {
        List<CatalogModel> out = new ArrayList<>();
        for (CatalogModel m : ordered) {
            if (isAvailable(m)) {
                out.add(m);
            }
        }
        return out;
    }

    public Optional<ProviderTarget> target(CatalogModel m) {
        return providers.target(m.provider(), m.upstreamModel());
    }
}
