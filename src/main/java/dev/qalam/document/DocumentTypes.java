package dev.qalam.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a stored upload is: a PDF or an image by its first bytes ({@link DocumentKind#detect(byte[], int)}).
 * A client's Content-Type proves nothing.
 */
public final class DocumentTypes {

    private DocumentTypes() {
    }

    /** The kind of {@code file}, if Qalam reads that kind at all. */
    public static Optional<DocumentKind> detect(Path file, String filename) {
        byte[] head = new byte[DocumentKind.HEAD_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DocumentKind.detect(head, n);
    }
}
