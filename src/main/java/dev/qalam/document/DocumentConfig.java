package dev.qalam.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How documents are read, for every feature that reads them (OCR jobs, retrieval ingestion): the OCR engine,
 * rendering resolutions and the decoding bounds. The variables keep the {@code QALAM_OCR_} names the OCR
 * feature documented first (docs/ocr.md); the bounds are {@code QALAM_DOCUMENT_} settings (docs/documents.md).
 */
@ApplicationScoped
public class DocumentConfig {

    /** Pages extracted at once on this server; 0 = one per available processor. */
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

    /** The largest decoded image, rendered page or decompressed PDF stream, in MB (docs/documents.md). */
    @Inject
    @ConfigProperty(name = "QALAM_DOCUMENT_MAX_DECODED_MB", defaultValue = "256")
    long maxDecodedMb;

    public DocumentLimits limits() {
        return DocumentLimits.withMaxDecodedMb(maxDecodedMb);
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
}
