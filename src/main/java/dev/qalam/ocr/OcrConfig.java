package dev.qalam.ocr;

import dev.qalam.platform.jobs.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OCR feature's settings; every one has an embedded default and an environment variable of the same name.
 * How pages are read (engine, resolutions, parallelism, decoding bounds) is {@link dev.qalam.document.DocumentConfig}.
 */
@ApplicationScoped
public class OcrConfig {

    @Inject
    @ConfigProperty(name = "QALAM_OCR_MAX_UPLOAD_MB", defaultValue = "100")
    long maxUploadMb;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_MAX_PAGES", defaultValue = "2000")
    int maxPages;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_JOB_LIFETIME_HOURS", defaultValue = "24")
    double lifetimeHours;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_MAX_RETRIES", defaultValue = "3")
    int maxRetries;

    /** The first automatic retry waits this long; each next one twice as long. */
    @Inject
    @ConfigProperty(name = "QALAM_OCR_RETRY_BACKOFF_SECONDS", defaultValue = "30")
    long retryBackoffSeconds;

    /** How long the URLs handed out for page images and thumbnails stay valid. */
    @Inject
    @ConfigProperty(name = "QALAM_OCR_URL_TTL_MINUTES", defaultValue = "60")
    long urlTtlMinutes;

    public long maxUploadBytes() {
        return maxUploadMb * 1024 * 1024;
    }

    public long maxUploadMb() {
        return maxUploadMb;
    }

    public int maxPages() {
        return maxPages;
    }

    public Duration lifetime() {
        return Duration.ofSeconds(Math.max(1, Math.round(lifetimeHours * 3600)));
    }

    public RetryPolicy retries() {
        return RetryPolicy.of(maxRetries, retryBackoffSeconds);
    }

    public Duration urlTtl() {
        return Duration.ofMinutes(Math.max(1, urlTtlMinutes));
    }
}
