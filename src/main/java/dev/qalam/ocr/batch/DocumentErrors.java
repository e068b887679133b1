package dev.qalam.ocr.batch;

import dev.qalam.document.InvalidDocumentException;

/**
 * The public message of a document that cannot be read. The engine's message is Qalam's own unless it
 * wraps a library's exception, whose text (PDFBox, ImageIO) must not reach the client: then a message by
 * error code stands in for it, and the library's text goes to the log with the exception.
 */
final class DocumentErrors {

    private DocumentErrors() {
    }

    static String publicMessage(InvalidDocumentException e, Integer pageNum) {
        if (e.getCause() == null || "encrypted_pdf".equals(e.code())) {
            return e.getMessage();
        }
        if (pageNum != null) {
            return "Page " + pageNum + " cannot be read.";
        }
        return "invalid_image".equals(e.code()) ? "The image cannot be read." : "The PDF cannot be read.";
    }
}
