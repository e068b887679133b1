package dev.qalam.ocr;

import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.http.RequestBodyLimit;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refuses an upload whose declared size is over {@code QALAM_OCR_MAX_UPLOAD_MB} before the runtime reads and
 * parses the multipart body (it would otherwise buffer it all first). A body sent without a length is
 * bounded again while it is stored.
 */
@Provider
@UploadSizeLimit.Bound
public class UploadSizeLimit implements ContainerRequestFilter {

    /** Marks the endpoints this filter guards. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Bound {
    }

    /** Room for the multipart boundaries and part headers around the file itself. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    @Inject
    OcrConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        if (RequestBodyLimit.declaredLength(request).orElse(0) > config.maxUploadBytes() + MULTIPART_OVERHEAD) {
            throw ApiException.payloadTooLarge("The file is larger than " + config.maxUploadMb() + " MB.");
        }
    }
}
