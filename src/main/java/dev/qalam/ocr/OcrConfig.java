package dev.qalam.ocr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The OCR feature's settings; every one has an embedded default and an environment variable of the same name. */
@ApplicationScoped
public class OcrConfig {

    @Inject
    @ConfigProperty(name = "QALAM_OCR_MAX_UPLOAD_MB", defaultValue = "100")
    long maxUploadMb;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_MAX_PAGES", defaultValue = "2000")
    int maxPages;

    /** Pages processed at once on this server; 0 = one per available processor. */
    @Inject
    @ConfigProperty(name = "QALAM_OCR_PARALLELISM", defaultValue = "0")
    int parallelism;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_LANGUAGES", defaultValue = "ara+eng")
    String languages;

    /** The Tesseract language data folder; empty = TESSDATA_PREFIX or the Debian default. */
    @Inject
    @ConfigProperty(name = "QALAM_OCR_TESSDATA")
    Optional<String> tessdata;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_DPI", defaultValue = "300")
    int ocrDpi;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_IMAGE_DPI", defaultValue = "150")
    int imageDpi;

    @Inject
    @ConfigProperty(name = "QALAM_OCR_THUMBNAIL_WIDTH", defaultValue = "200")
    int thumbnailWidth;

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

    public int parallelism() {
        return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    public String languages() {
        return languages;
    }

    public Optional<String> tessdata() {
        return tessdata;
    }

    public int ocrDpi() {
        return ocrDpi;
    }

    public int imageDpi() {
        return imageDpi;
    }

    public int thumbnailWidth() {
        return thumbnailWidth;
    }

    public Duration lifetime() {
        return Duration.ofSeconds(Math.max(1, Math.round(lifetimeHours * 3600)));
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The wait before automatic retry number {@code retryCount + 1}: base, 2 x base, 4 x base, ... */
    public Duration backoff(int retryCount) {
        return Duration.ofSeconds(retryBackoffSeconds).multipliedBy(1L << Math.min(20, Math.max(0, retryCount)));
    }

    public Duration urlTtl() {
        return Duration.ofMinutes(Math.max(1, urlTtlMinutes));
    }
}
