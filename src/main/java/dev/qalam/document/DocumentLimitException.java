package dev.qalam.document;

/**
 * The document is over one of the {@link DocumentLimits}: {@code image_too_large}, {@code page_too_large},
 * {@code content_too_large} or {@code document_too_large}. The message names the limit. Never retryable, and
 * raised before the large thing is decoded.
 */
public class DocumentLimitException extends InvalidDocumentException {

    public DocumentLimitException(String code, String message) {
        super(code, message);
    }

    public DocumentLimitException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
