package dev.qalam.search.analysis;

import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.fa.PersianNormalizer;

/**
 * How a metadata value (a file property) is compared: trimmed, lower-cased, digits of every script as
 * ASCII, Arabic and Persian letter forms normalised as in {@link dev.qalam.text.TextAnalysis}, but neither split into
 * words nor stemmed. So {@code {"term":{"jurisdiction":"alabama"}}} matches a property "Alabama", and
 * "جدة" matches "جده". Applied in Java to both the indexed value and the filter's value, for both engines,
 * so they compare the same strings.
 */
public final class KeywordNormalizer {

    private static final ArabicNormalizer ARABIC = new ArabicNormalizer();
    private static final PersianNormalizer PERSIAN = new PersianNormalizer();

    private KeywordNormalizer() {
    }

    public static String normalize(String value) {
        String trimmed = value.strip();
        StringBuilder sb = new StringBuilder(trimmed.length());
        trimmed.codePoints().forEach(cp -> {
            int lower = Character.toLowerCase(cp);
            if (Character.getType(lower) == Character.DECIMAL_DIGIT_NUMBER) {
                int digit = Character.digit(lower, 10);
                if (digit >= 0) {
                    sb.append((char) ('0' + digit));
                    return;
                }
            }
            sb.appendCodePoint(lower);
        });
        char[] chars = sb.toString().toCharArray();
        int len = PERSIAN.normalize(chars, chars.length);
        len = ARABIC.normalize(chars, len);
        return new String(chars, 0, len);
    }
}
