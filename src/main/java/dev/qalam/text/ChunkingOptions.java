package dev.qalam.text;

/**
 * How large chunks are, in characters (Java {@code char}s; Arabic and English letters are one each).
 * Characters rather than tokens because tokens depend on the model that will embed the text, which an
 * operator can change ({@code QALAM_EMBEDDING_MODEL_DIR}) without re-chunking anything: 1,000 characters
 * are about 200-250 word pieces of English for the bundled all-MiniLM-L6-v2 (its window is 256), and Arabic
 * words cost a multilingual model about as many.
 *
 * @param maxChars     the longest chunk; a single word longer than this is cut
 * @param overlapChars how much of the end of a chunk the next one repeats, in whole sentences (none when the
 *                     last sentence alone is longer), so that a statement cut by a chunk border is still whole
 *                     in one of them
 */
public record ChunkingOptions(int maxChars, int overlapChars) {

    public ChunkingOptions {
        if (maxChars < 50) {
            throw new IllegalArgumentException("maxChars must be at least 50");
        }
        if (overlapChars < 0 || overlapChars > maxChars / 2) {
            throw new IllegalArgumentException("overlapChars must be between 0 and maxChars / 2");
        }
    }

    public static ChunkingOptions defaults() {
        return new ChunkingOptions(1000, 150);
    }
}
