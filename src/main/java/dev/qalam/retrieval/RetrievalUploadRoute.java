package dev.qalam.retrieval;

import dev.qalam.ocr.OcrConfig;
import dev.qalam.platform.http.UploadRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * Document ingestion takes files as large as the OCR API does ({@code QALAM_OCR_MAX_UPLOAD_MB}: a PDF goes
 * through the same pipeline), plus room for the multipart framing; the file is bounded again, exactly, where
 * it is stored.
 */
@ApplicationScoped
public class RetrievalUploadRoute implements UploadRoute {

    private static final Pattern INGEST = Pattern.compile("/v1/alRetrieval/collections/[^/]+/documents/ingest");

    @Inject
    OcrConfig config;

    @Override
    public String path() {
        return "/v1/alRetrieval/collections/{collection_id}/documents/ingest";
    }

    @Override
    public boolean matches(String requestPath) {
        return INGEST.matcher(requestPath).matches();
    }

    @Override
    public long maxFileBytes() {
        return config.maxUploadBytes();
    }

    @Override
    public String describeLimit() {
        return config.maxUploadMb() + " MB";
    }
}
