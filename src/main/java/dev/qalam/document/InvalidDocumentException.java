package dev.qalam.document;

/** The document cannot be read (corrupt, encrypted, not what its bytes claim): retrying will not help. */
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

    /** The API error code: {@code invalid_pdf}, {@code encrypted_pdf}, {@code invalid_image}, ... */
    public String code() {
        return code;
    }
}
