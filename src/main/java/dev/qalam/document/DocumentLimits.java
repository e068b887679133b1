package dev.qalam.document;

/**
 * How much of the server's memory one document may take while it is read, checked before anything is
 * decoded (docs/documents.md). An upload is mostly compressed: a 0.8 MB PNG can declare 10000 x 10000 pixels
 * at 8 bytes each, a PDF page a MediaBox of kilometres, a ZIP entry a thousandfold expansion. Every decoder
 * is asked for the declared size first and refuses above these bounds.
 *
 * @param maxDecodedBytes     the largest decoded image (pixels x bytes per pixel, at least one byte), rendered
 *                            page (pixels x 4 bytes) or decompressed PDF stream ({@code QALAM_DOCUMENT_MAX_DECODED_MB})
 * @param maxOoxmlEntries     entries in a DOCX or PPTX archive
 * @param maxOoxmlEntryBytes  the largest entry once inflated
 * @param maxOoxmlXmlBytes    all XML parts together once inflated (they are parsed into memory)
 * @param minInflateRatio     the smallest compressed-to-inflated ratio accepted for an archive entry (zip bombs)
 * @param maxTextChars        the text of one DOCX, PPTX or plain-text document
 */
public record DocumentLimits(long maxDecodedBytes, int maxOoxmlEntries, long maxOoxmlEntryBytes, long maxOoxmlXmlBytes,
                             double minInflateRatio, long maxTextChars) {

    public static final long MB = 1024L * 1024;

    /** Decoded images and pages of 256 MB: a 600 dpi A4 scan in 16-bit RGB is 278 MB, in 8-bit RGB 104 MB. */
    public static final long DEFAULT_MAX_DECODED_MB = 256;

    public static DocumentLimits defaults() {
        return withMaxDecodedMb(DEFAULT_MAX_DECODED_MB);
    }

    public static DocumentLimits withMaxDecodedMb(long mb) {
        return new DocumentLimits(Math.max(1, mb) * MB, 10_000, 256 * MB, 48 * MB, 0.01, 20_000_000L);
    }

    /** Pixels a rendered page may have: the page is drawn into 4-byte pixels whatever its colours. */
    public long maxRenderPixels() {
        return maxDecodedBytes / 4;
    }

    public long maxDecodedMb() {
        return maxDecodedBytes / MB;
    }

    /** Bytes in whole megabytes, rounded up, for messages. */
    static long mb(long bytes) {
        return (bytes + MB - 1) / MB;
    }

    /** A size for a message: whole megabytes (rounded up), or gigabytes from 10 GB on. */
    static String size(double bytes) {
        double mb = Math.ceil(bytes / MB);
        return mb >= 10 * 1024 ? String.format(java.util.Locale.ROOT, "%.0f GB", Math.ceil(mb / 1024))
                : String.format(java.util.Locale.ROOT, "%.0f MB", mb);
    }
}
