package dev.qalam.document;

import java.util.Optional;

/** What an upload is, decided by its first bytes: a client's file name or Content-Type proves nothing. */
public enum DocumentKind {
    PDF("application/pdf", "pdf", "PDF"),
    PNG("image/png", "png", "PNG"),
    JPEG("image/jpeg", "jpg", "JPEG"),
    TIFF("image/tiff", "tif", "TIFF");

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
        return this != PDF;
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
