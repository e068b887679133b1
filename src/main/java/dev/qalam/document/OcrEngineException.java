package dev.qalam.document;

/**
 * The OCR engine itself failed (native library or language data cannot be loaded): nothing is wrong with
 * the document, so the work is safe to retry once the engine is back.
 */
public class OcrEngineException extends RuntimeException {
    public OcrEngineException(String message) {
        super(message);
    }

    public OcrEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
