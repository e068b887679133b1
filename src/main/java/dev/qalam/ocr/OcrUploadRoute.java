package dev.qalam.ocr;

import dev.qalam.platform.http.UploadRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /v1/ocr/upload} takes files up to {@code QALAM_OCR_MAX_UPLOAD_MB}: the body is bounded to that
 * plus room for the multipart framing before anything reads it, and the file is bounded again, exactly, where
 * it is stored.
 */
@ApplicationScoped
public class OcrUploadRoute implements UploadRoute {

    @Inject
    OcrConfig config;

    @Override
    public String path() {
        return "/v1/ocr/upload";
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
