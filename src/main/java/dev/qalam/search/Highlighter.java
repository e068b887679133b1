package dev.qalam.search;

import dev.qalam.text.TextAnalysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a hit that depend on the query's words, computed once here for both engines: the query's
 * key terms, whether a chunk is a direct hit, and its snippet.
 *
 * <p>Key terms: the query's terms after analysis (normalised, stemmed, stop words out), without words
 * that only make it a request ("tell", "explain", "اذكر", ...). A chunk is a direct hit when its title
 * and text hold all key terms, or for queries of more than three key terms at least three quarters of
 * them: a literal answer to the question rather than a passage that is only similar to it.
 *
 * <p>Snippet: the chunk's text split into sentences (at . ! ? ؟ ۔ followed by a space, or at a blank line);
 * the sentence holding the most distinct key terms (the first such) is the centre; neighbouring sentences
 * are added, next then previous, while the snippet stays within {@value #SNIPPET_LENGTH} characters.
 * A sentence longer than that is cut to a window around its matched terms. With no matched term, the
 * snippet starts the chunk.
 */
final class Highlighter {

    static final int SNIPPET_LENGTH = 300;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?؟۔…])\\s+|\\n\\s*\\n");
    private static final Set<String> REQUEST_WORDS = requestWords();

    record QueryTerms(List<String> keyTerms) {
    }

    record Decoration(boolean directHit, String snippet, List<String> matchedTerms) {
    }

    QueryTerms queryTerms(String query) {
        Set<String> terms = new LinkedHashSet<>(TextAnalysis.terms(query));
        terms.removeAll(REQUEST_WORDS);
        if (terms.isEmpty()) {
            // A query made only of request words still has those as its terms.
            terms.addAll(TextAnalysis.terms(query));
        }
        return new QueryTerms(List.copyOf(terms));
    }

    Decoration decorate(StoredChunk chunk, QueryTerms query) {
        Set<String> keys = new HashSet<>(query.keyTerms());
        String text = chunk.text();
        List<int[]> hitsInText = new ArrayList<>();
        List<String> hitTerms = new ArrayList<>();
        Set<String> matched = new LinkedHashSet<>();
        TextAnalysis.forEachToken(text, (term, start, end) -> {
            if (keys.contains(term)) {
                hitsInText.add(new int[] {start, end});
                hitTerms.add(term);
                matched.add(term);
            }
        });
        if (!chunk.title().isEmpty()) {
            TextAnalysis.forEachToken(chunk.title(), (term, start, end) -> {
                if (keys.contains(term)) {
                    matched.add(term);
                }
            });
        }
        List<String> matchedInQueryOrder = query.keyTerms().stream().filter(matched::contains).toList();
        return new Decoration(isDirectHit(query.keyTerms().size(), matched.size()),
                snippet(text, hitsInText, hitTerms), matchedInQueryOrder);
    }

    static boolean isDirectHit(int keyTerms, int matched) {
        if (keyTerms == 0) {
            return false;
        }
        int needed = keyTerms <= 3 ? keyTerms : (int) Math.ceil(0.75 * keyTerms);
        return matched >= needed;
    }

    static String snippet(String text, List<int[]> hits, List<String> hitTerms) {
        String trimmed = text.strip();
        if (trimmed.length() <= SNIPPET_LENGTH) {
            return collapse(trimmed);
        }
        List<int[]> sentences = sentences(text);
        int best = -1;
        int bestCount = 0;
        for (int i = 0; i < sentences.size(); i++) {
            int[] s = sentences.get(i);
            Set<String> distinct = new HashSet<>();
            for (int h = 0; h < hits.size(); h++) {
                if (hits.get(h)[0] >= s[0] && hits.get(h)[1] <= s[1]) {
                    distinct.add(hitTerms.get(h));
                }
            }
            if (distinct.size() > bestCount) {
                bestCount = distinct.size();
                best = i;
            }
        }
        if (best < 0) {
            return window(text, firstNonBlank(text), firstNonBlank(text) + SNIPPET_LENGTH);
        }
        int[] centre = sentences.get(best);
        if (centre[1] - centre[0] > SNIPPET_LENGTH) {
            int first = Integer.MAX_VALUE;
            int last = 0;
            for (int[] h : hits) {
                if (h[0] >= centre[0] && h[1] <= centre[1]) {
                    first = Math.min(first, h[0]);
                    last = Math.max(last, h[1]);
                }
            }
            int middle = (first + last) / 2;
            int start = Math.max(centre[0], middle - SNIPPET_LENGTH / 2);
            int end = Math.min(centre[1], start + SNIPPET_LENGTH);
            start = Math.max(centre[0], end - SNIPPET_LENGTH);
            return window(text, start, end);
        }
        int start = centre[0];
        int end = centre[1];
        int next = best + 1;
        int previous = best - 1;
        boolean grew = true;
        while (grew) {
            grew = false;
            if (next < sentences.size() && sentences.get(next)[1] - start <= SNIPPET_LENGTH) {
                end = sentences.get(next++)[1];
                grew = true;
            }
            if (previous >= 0 && end - sentences.get(previous)[0] <= SNIPPET_LENGTH) {
                start = sentences.get(previous--)[0];
                grew = true;
            }
        }
        return window(text, start, end);
    }

    /** Sentences as [start, end) offsets, blank ones left out. */
    static List<int[]> sentences(String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(text);
        int from = 0;
        while (m.find()) {
            add(out, text, from, m.start());
            from = m.end();
        }
        add(out, text, from, text.length());
        return out;
    }

    private static void add(List<int[]> out, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
    }

    private static int firstNonBlank(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The text between the offsets, moved to word boundaries, with "…" where text was left out. */
    private static String window(String text, int start, int end) {
        end = Math.min(end, text.length());
        if (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            int space = indexOfWhitespace(text, start, end);
            if (space > 0 && space - start < 30) {
                start = space;
            }
        }
        if (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            int space = lastIndexOfWhitespace(text, start, end);
            if (space > start && end - space < 30) {
                end = space;
            }
        }
        String body = collapse(text.substring(start, end).strip());
        boolean cutBefore = !text.substring(0, start).isBlank();
        boolean cutAfter = !text.substring(end).isBlank();
        return (cutBefore ? "…" : "") + body + (cutAfter ? "…" : "");
    }

    private static int indexOfWhitespace(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfWhitespace(String s, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Line breaks and runs of spaces (PDF layout) as single spaces. */
    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }

    private static Set<String> requestWords() {
        Set<String> out = new HashSet<>();
        for (String w : List.of("tell", "explain", "describe", "list", "give", "show", "find", "know", "mean",
                "say", "says", "please", "me", "us", "anything", "something", "information", "details",
                "اذكر", "اشرح", "وضح", "بين", "اعطني", "أخبرني", "اخبرني", "ماذا", "لماذا", "كيف", "متى", "أين",
                "هل", "كم", "ما", "ماهي", "ماهو", "معلومات", "تفاصيل")) {
            out.addAll(TextAnalysis.terms(w));
        }
        return Set.copyOf(out);
    }
}
