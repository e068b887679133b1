package dev.qalam.document;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a page's PDF text layer can be trusted instead of OCR. A scanned page has none (or a few
 * stray characters); a broken one shows as mojibake (UTF-8 read as Latin-1: {@code Ø§Ù„}), replacement or
 * private-use characters (fonts without a ToUnicode map), letters separated one by one, or Arabic stored in
 * visual order (words end in "لا" far more often than they start with "ال", the article). Any of these and
 * the page is read by OCR instead.
 */
public final class TextLayerHeuristic {

    /** Fewer letters than this and the page is treated as having no text layer. */
    public static final int MIN_LETTERS = 16;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
    private static final Pattern MOJIBAKE = Pattern.compile("[ØÙÚÛ][\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013-\\u203A\\u20AC\\u2122]");

    private TextLayerHeuristic() {
    }

    public record Verdict(boolean usable, String reason) {
    }

    public static Verdict assess(String text) {
        if (text == null) {
            return new Verdict(false, "no text layer");
        }
        int letters = 0;
        int arabic = 0;
        int bad = 0;
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                continue;
            }
            total++;
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                    arabic++;
                }
            }
            if (cp == 0xFFFD || Character.getType(cp) == Character.PRIVATE_USE
                    || (Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')) {
                bad++;
            }
        }
        if (letters < MIN_LETTERS) {
            return new Verdict(false, "too few letters (" + letters + ")");
        }
        if (bad * 20 > total) {
            return new Verdict(false, "unmapped glyphs (" + bad + " of " + total + ")");
        }
        if (letters * 2 < total) {
            return new Verdict(false, "mostly symbols (" + letters + " letters of " + total + ")");
        }
        int mojibake = 0;
        Matcher m = MOJIBAKE.matcher(text);
        while (m.find()) {
            mojibake++;
        }
        if (mojibake * 10 > letters) {
            return new Verdict(false, "mojibake (" + mojibake + " UTF-8-as-Latin-1 pairs)");
        }
        int words = 0;
        int singles = 0;
        int articleFirst = 0;
        int articleLast = 0;
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            String word = w.group();
            words++;
            if (word.codePointCount(0, word.length()) == 1) {
                singles++;
            }
            if (word.length() >= 4) {
                if (word.startsWith("ال")) {
                    articleFirst++;
                }
                if (word.endsWith("لا")) {
                    articleLast++;
                }
            }
        }
        if (words >= 8 && singles * 2 > words) {
            return new Verdict(false, "letters split apart (" + singles + " one-letter words of " + words + ")");
        }
        if (arabic * 4 >= letters && articleLast >= 2 && articleLast > 2 * articleFirst) {
            return new Verdict(false, "Arabic in visual order");
        }
        return new Verdict(true, "usable");
    }
}
