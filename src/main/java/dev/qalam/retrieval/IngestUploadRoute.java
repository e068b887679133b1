package dev.qalam.retrieval;

import dev.qalam.ocr.OcrConfig;
import dev.qalam.platform.http.UploadRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/alRetrieval/collections/{collection_id}/documents/ingest} takes files up to
 * {@code QALAM_OCR_MAX_UPLOAD_MB}, the upload limit every document endpoint shares (docs/retrieval.md): the body
 * is bounded to that plus room for the multipart framing before anything reads it.
 */
@ApplicationScoped
public class IngestUploadRoute implements UploadRoute {

    private static final Pattern PATH = Pattern.compile("/v1/alRetrieval/collections/[^/]+/documents/ingest");
    /** Room for the multipart boundaries, part headers and the metadata field around the file itself. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    @Inject
    OcrConfig config;

    @Override
    public String path() {
        return "/v1/alRetrieval/collections/{collection_id}/documents/ingest";
    }

    @Override
    public boolean matches(String requestPath) {
        return PATH.matcher(requestPath).matches();
    }

    @Override
    public long maxBodyBytes() {
        return config.maxUploadBytes() + MULTIPART_OVERHEAD;
    }

    @Override
    public String describeLimit() {
        return config.maxUploadMb() + " MB";
    }
}
