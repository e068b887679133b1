package dev.qalam.text;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Normalisation for matching and indexing, so that the same word is found however it was typed, scanned or
 * stored: invisible direction marks and embeddings removed (Tesseract and RTL editors insert them inside
 * words); Arabic presentation forms folded to letters; tatweel and harakat removed, alef forms (أ إ آ ٱ) to
 * bare alef, ى to ي, ة to ه (Lucene's {@link ArabicNormalizer}, plus alef wasla, the dagger alef and the
 * Persian-encoded yeh and kaf that Lucene's normaliser leaves); Arabic-Indic (٠-٩) and Eastern Arabic-Indic
 * (۰-۹) digits to Latin. Case is left alone: the analyzers lower-case.
 *
 * <p>Not for display: {@link TextCleanup} is what a client reads. The analyzers apply the same rules
 * ({@link #charMappings()} as a char filter, then Lucene's Arabic normalisation and digit folding as token
 * filters), so a string normalised here matches what the index holds.
 */
public final class TextNormalizer {

    private static final ArabicNormalizer ARABIC = new ArabicNormalizer();
    private static final Map<String, String> CHAR_MAPPINGS = mappings();
    private static final NormalizeCharMap CHAR_MAP = buildCharMap();

    private TextNormalizer() {
    }

    /** {@code text} normalised for matching (see the class comment); never null. */
    public static String forIndex(CharSequence text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            String mapped = CHAR_MAPPINGS.get(new String(Character.toChars(cp)));
            if (mapped != null) {
                sb.append(mapped);
            } else if (cp >= 0x0660 && cp <= 0x0669) {
                sb.append((char) ('0' + cp - 0x0660));
            } else if (cp >= 0x06F0 && cp <= 0x06F9) {
                sb.append((char) ('0' + cp - 0x06F0));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        char[] chars = sb.toString().toCharArray();
        int len = ARABIC.normalize(chars, chars.length);
        return new String(chars, 0, len);
    }

    /** Whether {@code cp} is an invisible bidirectional mark or embedding (never content). */
    public static boolean isDirectionMark(int cp) {
        return cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x061C;
    }

    /** Whether {@code cp} is an Arabic presentation form (a shaped glyph stored instead of its letter). */
    public static boolean isPresentationForm(int cp) {
        return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
    }

    /**
     * The character replacements applied before tokenising (code point to replacement, empty = removed):
     * what an OpenSearch index needs as its {@code mapping} char filter to analyse text as the embedded
     * index does. Digits and the rest of Arabic normalisation are token filters in both engines.
     */
    public static Map<String, String> charMappings() {
        return CHAR_MAPPINGS;
    }

    /** {@link #charMappings()} as Lucene's char map, for a {@code MappingCharFilter}. */
    public static NormalizeCharMap charMap() {
        return CHAR_MAP;
    }

    private static NormalizeCharMap buildCharMap() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        CHAR_MAPPINGS.forEach(b::add);
        return b.build();
    }

    private static Map<String, String> mappings() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int cp : new int[] {0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
                0x2069, 0x061C, 0x200B, 0xFEFF, 0x00AD}) {
            m.put(new String(Character.toChars(cp)), "");
        }
        m.put("\u0671", "\u0627"); // alef wasla -> alef
        m.put("\u0670", "");       // superscript (dagger) alef, a vowel sign
        m.put("\u06CC", "\u064A"); // Farsi yeh -> Arabic yeh
        m.put("\u06A9", "\u0643"); // keheh -> kaf
        for (int cp = 0xFB50; cp <= 0xFEFC; cp++) {
            if (!isPresentationForm(cp) || !Character.isDefined(cp)) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            String folded = Normalizer.normalize(s, Normalizer.Form.NFKC);
            // Only folds that land on Arabic letters: the blocks also hold ornate symbols and spacing marks.
            if (!folded.equals(s) && !folded.isBlank() && folded.codePoints().allMatch(c ->
                    Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC && Character.isLetter(c))) {
                m.put(s, folded);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
