package dev.qalam.platform.http;

/**
 * A route that takes a file upload, with the body limit that replaces {@code QALAM_MAX_REQUEST_MB} for it.
 * A feature declares its upload routes as CDI beans; {@link RequestGate} applies them before anything reads
 * the body.
 */
public interface UploadRoute {

    /** The request path (without the context root), for example {@code /v1/ocr/upload}. */
    String path();

    /** Whether a request path is this route; a route whose path has parameters matches by pattern. */
    default boolean matches(String requestPath) {
        return path().equals(requestPath);
    }

    /** Room for the multipart boundaries, part headers and the small text fields around the file itself. */
    long MULTIPART_OVERHEAD = 64 * 1024;

    /** The largest file this route takes. */
    long maxFileBytes();

    /** The largest body accepted on this path: the file and its multipart framing. */
    default long maxBodyBytes() {
        return maxFileBytes() + MULTIPART_OVERHEAD;
    }

    /** The limit as the client is told it, for example {@code "100 MB"}. */
    String describeLimit();
}
