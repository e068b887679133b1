package dev.qalam.document;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers in table cells. Debian's {@code ara} model knows only two Arabic-Indic digits (٠ and ١), so a cell
 * without a word is read again by the {@code Arabic} script model (package {@code tesseract-ocr-script-arab}),
 * restricted to digits and number punctuation. That model was trained mostly on Persian text: it answers the
 * Eastern Arabic-Indic digits (U+06F0-U+06F9) for the Arabic-Indic ones (U+0660-U+0669), and reads the
 * Arabic-Indic five, drawn as an oval, as a Latin 0 and the zero, drawn as a dot, as a full stop. What it
 * answers is mapped back here, only where the glyphs are the same:
 * <ul>
 *   <li>۰ ۱ ۲ ۳ ۷ ۸ ۹ become ٠ ١ ٢ ٣ ٧ ٨ ٩ (the same shapes; ۴ ۵ ۶ are drawn differently and stay);</li>
 *   <li>in a table where more numbers have Arabic-Indic digits than have Latin digits only, a Latin 0 in a number is ٥, a
 *       Latin 1 is ١ and a full stop ending a number is ٠ (a number in Latin digits is left alone, as
 *       is any table whose numbers are mostly in Latin digits).</li>
 * </ul>
 */
final class Digits {

    /** The Tesseract model that has every digit: Arabic-Indic, Eastern Arabic-Indic and Latin. */
    static final String SCRIPT_MODEL = "Arabic";

    static final String WHITELIST = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789.,٫٬%/-:";

    private Digits() {
    }

    /**
     * Whether a cell's first reading may be a misread number: no Arabic letter and no run of three Latin
     * letters (ara+eng reads ٨٥ as "AO" and ٢ as "Y").
     */
    static boolean maybeNumber(String s) {
        int latinRun = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC) {
                return false;
            }
            latinRun = Character.isLetter(c) ? latinRun + 1 : 0;
            if (latinRun >= 3) {
                return false;
            }
        }
        return true;
    }

    static boolean hasArabicDigits(String s) {
        return s.codePoints().anyMatch(cp -> isArabicIndic(cp) || isEastern(cp));
    }

    static boolean hasLetters(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }

    static boolean isArabicIndic(int cp) {
        return cp >= 0x0660 && cp <= 0x0669;
    }

    static boolean isEastern(int cp) {
        return cp >= 0x06F0 && cp <= 0x06F9;
    }

    /** Eastern Arabic-Indic digits drawn as the Arabic-Indic ones, as those. */
    static String arabicIndic(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int d = cp - 0x06F0;
            sb.appendCodePoint(isEastern(cp) && d != 4 && d != 5 && d != 6 ? 0x0660 + d : cp);
        });
        return sb.toString();
    }

    /** A table's cells (any order), their numbers mapped as the class comment says. */
    static List<String> normalise(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        long arabic = 0;
        long latin = 0;
        for (String c : cells) {
            String n = hasLetters(c) ? c : arabicIndic(c);
            out.add(n);
            if (!hasLetters(n) && hasArabicDigits(n)) {
                arabic++;
            } else if (!hasLetters(n) && n.codePoints().anyMatch(cp -> cp >= '0' && cp <= '9')) {
                latin++;
            }
        }
        if (arabic <= latin) {
            return out;
        }
        out.replaceAll(c -> hasLetters(c) ? c : arabicConfusions(c));
        return out;
    }

    private static String arabicConfusions(String number) {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char ch = number.charAt(i);
            boolean endsNumber = i + 1 == number.length() || Character.isWhitespace(number.charAt(i + 1));
            if (ch == '0') {
                sb.append('٥');
            } else if (ch == '1') {
                sb.append('١');
            } else if (ch == '.' && endsNumber && i > 0 && Character.isDigit(number.charAt(i - 1))) {
                sb.append('٠');
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
