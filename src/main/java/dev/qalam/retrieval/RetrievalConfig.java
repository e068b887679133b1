package dev.qalam.retrieval;

import dev.qalam.platform.jobs.RetryPolicy;
import dev.qalam.text.ChunkingOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** alRetrieval's settings (docs/retrieval.md); each has an embedded default. */
@ApplicationScoped
public class RetrievalConfig {

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_EMBEDDING_MODEL", defaultValue = "deep-sa/alEmbedding")
    String embeddingModel;

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_CHUNK_CHARS", defaultValue = "1000")
    int chunkChars;

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_CHUNK_OVERLAP_CHARS", defaultValue = "150")
    int overlapChars;

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_MAX_PAGES", defaultValue = "2000")
    int maxPages;

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_MAX_RETRIES", defaultValue = "3")
    int maxRetries;

    @Inject
    @ConfigProperty(name = "QALAM_RETRIEVAL_RETRY_BACKOFF_SECONDS", defaultValue = "30")
    long backoffSeconds;

    public String embeddingModel() {
        return embeddingModel.strip();
    }

    public ChunkingOptions chunking() {
        return new ChunkingOptions(chunkChars, overlapChars);
    }

    public int maxPages() {
        return maxPages;
    }

    public RetryPolicy retries() {
        return RetryPolicy.of(maxRetries, backoffSeconds);
    }

    /** How long a listing's {@code file_url} is valid: one hour, as documented. */
    public Duration fileUrlTtl() {
        return Duration.ofHours(1);
    }
}
