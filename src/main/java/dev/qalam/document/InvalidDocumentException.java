package dev.qalam.document;

/**
 * The document cannot be read (corrupt, encrypted, not what its bytes claim, over a bound): retrying will not
 * help. The message is written by Qalam for the client, in plain words about the file; what the parser
 * said is the cause, for the server's log only.
 */
public class InvalidDocumentException extends Exception {

    private final String code;

    public InvalidDocumentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public InvalidDocumentException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * The API error code: {@code invalid_pdf}, {@code encrypted_pdf}, {@code invalid_image}, {@code invalid_docx},
     * {@code invalid_pptx}, {@code invalid_utf8}, {@code unsupported_file_type}, {@code empty_file}, and the bounds
     * of {@link DocumentLimitException}.
     */
    public String code() {
        return code;
    }
}
