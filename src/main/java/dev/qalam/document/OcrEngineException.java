package dev.qalam.document;

/**
 * The OCR engine itself failed (native library or language data cannot be loaded): nothing is wrong with
 * the document, so the work is safe to retry once the engine is back. The message is for clients; the
 * cause says what an operator has to fix and goes to the log.
 */
public class OcrEngineException extends RuntimeException {

    /** What a client is told, whatever went wrong inside the engine. */
    public static final String PUBLIC_MESSAGE = "The OCR engine is not available on this server right now.";

    public OcrEngineException(String detail) {
        super(PUBLIC_MESSAGE, new IllegalStateException(detail));
    }

    public OcrEngineException(String detail, Throwable cause) {
        super(PUBLIC_MESSAGE, new IllegalStateException(detail, cause));
    }

    /** What went wrong, for the log. */
    public String detail() {
        return getCause().getMessage();
    }
}
