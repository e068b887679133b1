package dev.qalam.search;

import dev.qalam.platform.config.DataDirectory;
import dev.qalam.search.lucene.LuceneSearchIndex;
import dev.qalam.search.opensearch.OpenSearchIndex;
import dev.qalam.search.opensearch.OpenSearchSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's one {@link SearchIndex}, chosen by {@code QALAM_SEARCH}: {@code lucene} (default, in
 * {@code QALAM_DATA_DIR/index}) or {@code opensearch} ({@code OPENSEARCH_URL}, {@code OPENSEARCH_INDEX},
 * {@code OPENSEARCH_USERNAME}/{@code OPENSEARCH_PASSWORD}, {@code OPENSEARCH_REPLICAS}). Opened at first
 * use; closed with the application.
 */
@ApplicationScoped
public class SearchIndexProducer {

    @Inject
    @ConfigProperty(name = "QALAM_SEARCH", defaultValue = "lucene")
    String engine;

    @Inject
    @ConfigProperty(name = "OPENSEARCH_URL", defaultValue = "http://localhost:9200")
    String openSearchUrl;

    @Inject
    @ConfigProperty(name = "OPENSEARCH_INDEX", defaultValue = "qalam-chunks")
    String openSearchIndex;

    @Inject
    @ConfigProperty(name = "OPENSEARCH_USERNAME")
    Optional<String> openSearchUsername;

    @Inject
    @ConfigProperty(name = "OPENSEARCH_PASSWORD")
    Optional<String> openSearchPassword;

    @Inject
    @ConfigProperty(name = "OPENSEARCH_REPLICAS", defaultValue = "1")
    int openSearchReplicas;

    @Inject
    DataDirectory dataDirectory;

    @Produces
    @ApplicationScoped
    SearchIndex searchIndex() {
        return switch (engine.strip().toLowerCase(Locale.ROOT)) {
            case "lucene", "" -> LuceneSearchIndex.open(dataDirectory.folder("index"));
            case "opensearch" -> new OpenSearchIndex(new OpenSearchSettings(URI.create(openSearchUrl.strip()),
                    openSearchIndex.strip(), openSearchUsername.filter(s -> !s.isBlank()),
                    openSearchPassword, openSearchReplicas));
            default -> throw new IllegalStateException("QALAM_SEARCH must be lucene or opensearch, got " + engine);
        };
    }

    void close(@Disposes SearchIndex index) {
        index.close();
    }
}
