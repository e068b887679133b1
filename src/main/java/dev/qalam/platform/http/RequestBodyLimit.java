package dev.qalam.platform.http;

import dev.qalam.platform.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds every request body that is not a file upload (JSON bodies: chat messages with inline images,
 * embedding inputs, admin calls) to {@code QALAM_MAX_REQUEST_MB} (default 32): a declared length over it is
 * refused with 413 before anything is read, and a body sent without a length is cut off with 413 as soon
 * as it passes the limit, so that no client can make the server buffer an unbounded body. Multipart
 * uploads have their own, larger limits where they are stored.
 */
@Provider
@PreMatching
@Priority(100)
public class RequestBodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "QALAM_MAX_REQUEST_MB", defaultValue = "32")
    long maxMb;

    @Override
    public void filter(ContainerRequestContext ctx) {
        MediaType type = ctx.getMediaType();
        if (!ctx.hasEntity() || (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return;
        }
        long max = maxMb * 1024 * 1024;
        if (declaredLength(ctx).orElse(0) > max) {
            throw tooLarge();
        }
        ctx.setEntityStream(new Bounded(ctx.getEntityStream(), max));
    }

    /** The body length the client declared, if it did; a Content-Length that is not a number is a 400. */
    public static OptionalLong declaredLength(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_content_length", "The Content-Length header is not a number.");
        }
    }

    ApiException tooLarge() {
        return ApiException.payloadTooLarge("The request body is larger than " + maxMb + " MB.");
    }

    /** Fails the read that would pass the limit. */
    final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw tooLarge();
            }
        }
    }
}
