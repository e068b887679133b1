package dev.qalam.text;

import java.text.Normalizer;

/**
 * The text a client gets, from OCR or a text layer: no invisible direction marks or embeddings (Tesseract
 * inserts U+200E/U+200F around Latin runs in Arabic lines; they break search and equality), Arabic
 * presentation forms folded to the letters they show (text layers of older PDFs store shaped glyphs),
 * one line ending, no blanks around lines, at most one empty line in a row.
 */
public final class TextCleanup {

    private TextCleanup() {
    }

    public static String clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (TextNormalizer.isDirectionMark(cp) || cp == 0xFEFF || cp == 0x00AD) {
                continue;
            }
            if (TextNormalizer.isPresentationForm(cp)) {
                sb.append(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC));
            } else if (cp == '\r') {
                if (i < raw.length() && raw.charAt(i) == '\n') {
                    continue;
                }
                sb.append('\n');
            } else if (cp == '\f' || cp == 0x2028 || cp == 0x2029) {
                sb.append('\n');
            } else if (cp == '\t' || cp == 0x00A0) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return tidyLines(sb.toString().replaceAll(" {2,}", " "));
    }

    /** Trims each line and keeps at most one blank line in a row. */
    public static String tidyLines(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int blank = 0;
        for (String line : s.split("\n", -1)) {
            String l = line.strip();
            if (l.isBlank()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }
}
