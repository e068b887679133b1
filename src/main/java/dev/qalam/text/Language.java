package dev.qalam.text;

import java.util.Locale;

/**
 * The languages Qalam analyses, and a way to tell which one a text is in. Arabic and English do not share a
 * script, so counting letters by script is exact for the question that matters here (which analyzer to
 * use) and costs nothing; mixed text goes to the language with more letters.
 */
public enum Language {
    ARABIC("ar"),
    ENGLISH("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code ({@code ar}, {@code en}). */
    public String code() {
        return code;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /**
     * The language of {@code text}: Arabic when it has more Arabic-script letters than Latin ones, English
     * otherwise (also for text without letters, which every analyzer treats the same).
     */
    public static Language of(CharSequence text) {
        return arabicShare(text) > 0.5 ? ARABIC : ENGLISH;
    }

    /** Arabic-script letters among the Arabic and Latin letters of {@code text}, 0 to 1 (0 when there are none). */
    public static double arabicShare(CharSequence text) {
        if (text == null) {
            return 0;
        }
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.ARABIC) {
                arabic++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        return arabic + latin == 0 ? 0 : (double) arabic / (arabic + latin);
    }
}
