package dev.qalam.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a stored upload is. PDFs and images by their first bytes ({@link DocumentKind#detect(byte[], int)});
 * a ZIP archive by the content type of its main part (DOCX, PPTX; opened with the archive checks of
 * {@link OoxmlPackages}); plain text and Markdown, which have no signature, by the file name's extension
 * ({@code .txt}, {@code .md}, {@code .markdown}), to be decoded strictly as UTF-8 afterwards. A client's
 * Content-Type proves nothing. Legacy binary Office files (.doc, .ppt, and password-protected OOXML, which
 * is stored in the same container) are not read.
 */
public final class DocumentTypes {

    private DocumentTypes() {
    }

    /** The kind of {@code file}, if Qalam reads that kind at all. */
    public static Optional<DocumentKind> detect(Path file, String filename, DocumentLimits limits)
            throws InvalidDocumentException {
        return detect(file, filename, limits, EnumSet.allOf(DocumentKind.class));
    }

    /**
     * The kind of {@code file} among {@code accepted}: an archive is only opened, and a name only looked at,
     * when a kind they could be is accepted (a DOCX sent to the OCR API is simply unsupported).
     *
     * @throws InvalidDocumentException an archive that claims to be DOCX or PPTX but cannot be opened, or is
     *                                  over the archive limits
     */
    public static Optional<DocumentKind> detect(Path file, String filename, DocumentLimits limits,
                                                Set<DocumentKind> accepted) throws InvalidDocumentException {
        byte[] head = new byte[DocumentKind.HEAD_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<DocumentKind> byMagic = DocumentKind.detect(head, n);
        if (byMagic.isPresent()) {
            return byMagic.filter(accepted::contains);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            if (!accepted.contains(DocumentKind.DOCX) && !accepted.contains(DocumentKind.PPTX)) {
                return Optional.empty();
            }
            return OoxmlPackages.detect(file, filename, limits).filter(accepted::contains);
        }
        if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && head[2] == 0x11 && (head[3] & 0xFF) == 0xE0) {
            return Optional.empty();
        }
        String name = filename == null ? "" : filename.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return Optional.of(DocumentKind.TEXT).filter(accepted::contains);
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of(DocumentKind.MARKDOWN).filter(accepted::contains);
        }
        return Optional.empty();
    }
}
