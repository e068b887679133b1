package dev.qalam.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a context into passages and ranks them against a question with BM25 over analysed terms.
 * Deterministic: equal scores keep the passages' order in the context.
 */
public final class PassageRanker {

    /** A passage of the context; {@code source} says where it came from, {@code order} its position. */
    public record Passage(String text, String source, int order) {
    }

    public record Scored(Passage passage, double score, int matchedTerms) {
    }

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n|\\r\\n\\s*\\r\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?؟۔])\\s+|\\n");
    private static final int MAX_PASSAGE_CHARS = 600;
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final BilingualAnalyzer analyzer = new BilingualAnalyzer();

    /** Paragraphs, and long paragraphs cut at sentence ends into pieces of at most about 600 characters. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String para : PARAGRAPHS.split(text)) {
            String p = para.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() <= MAX_PASSAGE_CHARS) {
                out.add(p);
                continue;
            }
            StringBuilder cur = new StringBuilder();
            for (String sentence : SENTENCE_END.split(p)) {
                String s = sentence.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (cur.length() > 0 && cur.length() + s.length() + 1 > MAX_PASSAGE_CHARS) {
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

    public Set<String> questionTerms(String question) {
        return new LinkedHashSet<>(analyzer.terms(question));
    }

    /**
     * The passages that share at least one analysed term with the question, best first. A passage must
     * match at least a third of the question's terms (or one term of a short question) to count as relevant.
     */
    public List<Scored> rank(String question, List<Passage> passages) {
        Set<String> q = questionTerms(question);
        if (q.isEmpty() || passages.isEmpty()) {
            return List.of();
        }
        List<Map<String, Integer>> tfs = new ArrayList<>(passages.size());
        Map<String, Integer> df = new HashMap<>();
        long totalLength = 0;
        List<Integer> lengths = new ArrayList<>(passages.size());
        for (Passage p : passages) {
            List<String> terms = analyzer.terms(p.text());
            Map<String, Integer> tf = new HashMap<>();
            for (String t : terms) {
                tf.merge(t, 1, Integer::sum);
            }
            for (String t : new HashSet<>(tf.keySet())) {
                df.merge(t, 1, Integer::sum);
            }
            tfs.add(tf);
            lengths.add(terms.size());
            totalLength += terms.size();
        }
        double avgLength = Math.max(1.0, (double) totalLength / passages.size());
        int n = passages.size();
        int needed = Math.max(1, (int) Math.ceil(q.size() / 3.0));
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Integer> tf = tfs.get(i);
            double score = 0;
            int matched = 0;
            for (String term : q) {
                Integer f = tf.get(term);
                if (f == null) {
                    continue;
                }
                matched++;
                int d = df.get(term);
                double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
                score += idf * (f * (K1 + 1)) / (f + K1 * (1 - B + B * lengths.get(i) / avgLength));
            }
            if (matched >= needed) {
                out.add(new Scored(passages.get(i), score + matched, matched));
            }
        }
        out.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparingInt(s -> s.passage().order()));
        return out;
    }
}
