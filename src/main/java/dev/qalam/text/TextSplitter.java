package dev.qalam.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paragraphs and sentences of Arabic and English text. A sentence ends at {@code . ! ?}, the Arabic
 * question mark {@code ؟}, the Urdu full stop {@code ۔} or an ellipsis followed by white space, or at a line
 * break (OCR and PDF text layers break lines where the page did, and a heading or table row is a line).
 * The JDK's sentence iterator knows neither Arabic mark.
 */
public final class TextSplitter {

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n|\\r\\n\\s*\\r\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?؟۔…])\\s+|\\s*\\n\\s*");

    private TextSplitter() {
    }

    /** The non-blank paragraphs of {@code text} (separated by an empty line), stripped. */
    public static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String para : PARAGRAPHS.split(text == null ? "" : text)) {
            String p = para.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** The non-blank sentences of {@code text}, stripped. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (Span s : sentenceSpans(text)) {
            out.add(text.substring(s.start(), s.end()));
        }
        return out;
    }

    /** Where each sentence of {@code text} starts and ends (without the white space around it). */
    public static List<Span> sentenceSpans(String text) {
        List<Span> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = SENTENCE_END.matcher(text);
        int start = 0;
        while (m.find()) {
            add(out, text, start, m.start());
            start = m.end();
        }
        add(out, text, start, text.length());
        return out;
    }

    private static void add(List<Span> out, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new Span(start, end));
        }
    }

    /**
     * Paragraphs, and long paragraphs cut at sentence ends into pieces of at most about {@code maxChars}
     * characters (a single longer sentence stays whole).
     */
    public static List<String> passages(String text, int maxChars) {
        List<String> out = new ArrayList<>();
        for (String p : paragraphs(text)) {
            if (p.length() <= maxChars) {
                out.add(p);
                continue;
            }
            StringBuilder cur = new StringBuilder();
            for (String s : sentences(p)) {
                if (cur.length() > 0 && cur.length() + s.length() + 1 > maxChars) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (cur.length() > 0) {
                    cur.append(' ');
                }
                cur.append(s);
            }
            if (cur.length() > 0) {
                out.add(cur.toString());
            }
        }
        return out;
    }

    /** A range of a string: {@code [start, end)}. */
    public record Span(int start, int end) {
    }
}
