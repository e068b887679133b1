package dev.qalam.ocr.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.document.InvalidDocumentException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A job's public error never carries a library's exception text. */
class DocumentErrorsTest {

    @Test
    void libraryTextIsReplacedByQalamsOwnMessage() {
        IOException pdfbox = new IOException("Missing root object specification in trailer.");
        assertEquals("Page 3 cannot be read.", DocumentErrors.publicMessage(
                new InvalidDocumentException("invalid_pdf", "Page 3 cannot be read: " + pdfbox.getMessage(), pdfbox), 3));
        assertEquals("The PDF cannot be read.", DocumentErrors.publicMessage(
                new InvalidDocumentException("invalid_pdf", "The PDF cannot be read: " + pdfbox.getMessage(), pdfbox), null));
        assertEquals("The image cannot be read.", DocumentErrors.publicMessage(
                new InvalidDocumentException("invalid_image", "The image cannot be read: javax.imageio.IIOException: bad", pdfbox), null));
    }

    @Test
    void qalamsOwnMessagesStay() {
        assertEquals("The uploaded file is no longer stored; upload it again.", DocumentErrors.publicMessage(
                new InvalidDocumentException("source_missing", "The uploaded file is no longer stored; upload it again."), null));
        assertEquals("The PDF is encrypted with a password; upload a copy without the password.", DocumentErrors.publicMessage(
                new InvalidDocumentException("encrypted_pdf", "The PDF is encrypted with a password; upload a copy without the password.",
                        new IOException("password")), 1));
    }
}
