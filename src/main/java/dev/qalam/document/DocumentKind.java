package dev.qalam.document;

import java.util.Optional;

/**
 * What an upload is. PDFs and images are told by their first bytes ({@link #detect(byte[], int)}), DOCX and
 * PPTX by the package's main part ({@link DocumentTypes}): a client's Content-Type proves nothing. Plain text
 * and Markdown have no signature and are told by the file name, then must decode as UTF-8.
 */
public enum DocumentKind {
    PDF("application/pdf", "pdf", "PDF"),
    PNG("image/png", "png", "PNG"),
    JPEG("image/jpeg", "jpg", "JPEG"),
    TIFF("image/tiff", "tif", "TIFF"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "DOCX"),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "PPTX"),
    TEXT("text/plain; charset=utf-8", "txt", "text"),
    MARKDOWN("text/markdown; charset=utf-8", "md", "Markdown");

    private final String contentType;
    private final String extension;
    private final String label;

    DocumentKind(String contentType, String extension, String label) {
        this.contentType = contentType;
        this.extension = extension;
        this.label = label;
    }

    /** The kind's name in a sentence ("PDF", "TIFF"). */
    public String label() {
        return label;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG || this == TIFF;
    }

    /** Whether the kind's pages come from its own text (no rendering, no OCR). */
    public boolean isText() {
        return this == DOCX || this == PPTX || this == TEXT || this == MARKDOWN;
    }

    /** How many leading bytes {@link #detect} needs to see. */
    public static final int HEAD_BYTES = 1024;

    public static Optional<DocumentKind> detect(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (startsWith(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, n, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, n, 'I', 'I', 42, 0) || startsWith(head, n, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        // The PDF header may follow some junk bytes; readers accept it within the first kilobyte.
        for (int i = 0; i + 5 <= Math.min(n, HEAD_BYTES); i++) {
            if (head[i] == '%' && head[i + 1] == 'P' && head[i + 2] == 'D' && head[i + 3] == 'F' && head[i + 4] == '-') {
                return Optional.of(PDF);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
