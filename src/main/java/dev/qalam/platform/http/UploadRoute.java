package dev.qalam.platform.http;

/**
 * A route that takes a file upload, with the body limit that replaces {@code QALAM_MAX_REQUEST_MB} for it.
 * A feature declares its upload routes as CDI beans; {@link RequestGate} applies them before anything reads
 * the body.
 */
public interface UploadRoute {

    /** The request path (without the context root), for example {@code /v1/ocr/upload}. */
    String path();

    /** The largest body accepted on this path, multipart framing included. */
    long maxBodyBytes();

    /** The limit as the client is told it, for example {@code "100 MB"}. */
    String describeLimit();
}
