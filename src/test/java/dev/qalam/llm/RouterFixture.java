package dev.qalam.llm;

import dev.qalam.llm.provider.ProviderRegistry;
import dev.qalam.llm.provider.ProviderSettings;
import dev.qalam.testing.MapConfig;
import java.util.List;
import java.util.Map;

/** A {@link ModelRouter} over these providers and catalogue, built as CDI would, for unit tests. */
final class RouterFixture {

    private RouterFixture() {
    }

    static ModelRouter router(List<ProviderRegistry.Provider> providers, List<CatalogModel> models,
                              Map<String, String> config) {
        ProviderRegistry registry = new ProviderRegistry(providers);
        ProviderSettings settings = new ProviderSettings(new MapConfig(config), registry);
        ModelCatalog catalog = new ModelCatalog();
        catalog.providers = settings;
        catalog.init(models);
        ModelRouter r = new ModelRouter();
        r.catalog = catalog;
        r.registry = registry;
        r.settings = settings;
        r.latency = new LatencyStats();
        return r;
    }
}
