package dev.qalam.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the BM25 candidates and the vector candidates of a search into one ranking with a readable
 * score: a convex blend {@code w * lexical + (1 - w) * semantic}, each side in 0..1.
 *
 * <ul>
 *   <li>lexical: BM25 divided by the best BM25 among the candidates (relative: the best word match is 1)</li>
 *   <li>semantic: the cosine similarity itself (absolute: a poor vector match stays low however it ranks)</li>
 * </ul>
 *
 * <p>Why a blend rather than reciprocal-rank fusion: RRF scores by rank alone, so the first vector
 * candidate counts as much as the first BM25 candidate even when every vector is nearly equally (dis)similar,
 * which is what the bundled English model gives for Arabic text; keeping the cosine absolute lets the
 * BM25 side decide then. RRF's scores (sums of 1/(60 + rank)) would also need rescaling to mean anything
 * to a reader. bench/retrieval measures both sides alone and the blend (weights tuned there).
 *
 * <p>A chunk found by one side only gets, for the other side, the score of that side's last candidate when
 * that list was full (its true score is at most that), or 0 when the list was not full (the side did not
 * match it at all). Ties are broken by chunk id, so both engines order equal scores alike. When the query
 * has no words that survive analysis, or no vector, the other side alone is the score.
 *
 * <p>The weight {@value #LEXICAL_WEIGHT} is the default; a request may bring its own
 * ({@link SearchRequest#vectorWeight()}), which alRetrieval sets from how well the embedding model reads the
 * query's language (the bundled English model's vectors are noise for Arabic: bench/retrieval).
 */
public final class Fusion {

    /** Weight of the BM25 side (bench/retrieval/README.md has the measurements behind it). */
    static final double LEXICAL_WEIGHT = 0.5;
    /** Candidates taken from each side before fusing, at least. */
    static final int MIN_DEPTH = 30;

    record Candidate(String chunkId, double score) {
    }

    record Fused(String chunkId, double score, double lexical, double semantic) {
    }

    private final double lexicalWeight;
    private final int minDepth;

    /** The defaults: weight {@value #LEXICAL_WEIGHT}, depth {@value #MIN_DEPTH}. */
    public Fusion() {
        this(LEXICAL_WEIGHT, MIN_DEPTH);
    }

    /**
     * Other settings, for measuring (bench/retrieval).
     *
     * @param lexicalWeight weight of the BM25 side, 0..1
     * @param minDepth candidates taken from each side, at least (twice the limit when that is more)
     */
    public Fusion(double lexicalWeight, int minDepth) {
        if (lexicalWeight < 0 || lexicalWeight > 1 || minDepth < 1) {
            throw new IllegalArgumentException("weight 0..1 and depth >= 1");
        }
        this.lexicalWeight = lexicalWeight;
        this.minDepth = minDepth;
    }

    /** The vector side's weight when a request does not say: 1 - the BM25 weight. */
    double vectorWeight() {
        return 1 - lexicalWeight;
    }

    int depth(int limit) {
        return Math.max(minDepth, 2 * limit);
    }

    /**
     * @param lexical BM25 candidates, best first, raw BM25 scores
     * @param semantic vector candidates, best first, as Lucene scores cosine: (1 + cos) / 2
     * @param useLexical the query had terms to match
     * @param useSemantic the query had a vector
     * @param lexicalWeight the BM25 side's weight for this query, 0..1
     */
    List<Fused> fuse(List<Candidate> lexical, List<Candidate> semantic, boolean useLexical, boolean useSemantic,
            double lexicalWeight, int depth, int limit) {
        double maxLexical = 0;
        for (Candidate c : lexical) {
            maxLexical = Math.max(maxLexical, c.score());
        }
        Map<String, Double> lex = new HashMap<>();
        for (Candidate c : lexical) {
            lex.put(c.chunkId(), maxLexical > 0 ? c.score() / maxLexical : 0);
        }
        Map<String, Double> sem = new HashMap<>();
        for (Candidate c : semantic) {
            sem.put(c.chunkId(), cosine(c.score()));
        }
        double lexMissing = lexical.size() < depth || lexical.isEmpty() ? 0
                : lex.get(lexical.get(lexical.size() - 1).chunkId());
        double semMissing = semantic.size() < depth || semantic.isEmpty() ? 0
                : sem.get(semantic.get(semantic.size() - 1).chunkId());
        double w = !useSemantic ? 1 : !useLexical ? 0 : lexicalWeight;
        Map<String, Fused> all = new HashMap<>();
        for (String id : union(lexical, semantic)) {
            double l = lex.getOrDefault(id, lexMissing);
            double s = sem.getOrDefault(id, semMissing);
            double score = w * l + (1 - w) * s;
            all.put(id, new Fused(id, score, lex.containsKey(id) ? l : 0, sem.containsKey(id) ? s : 0));
        }
        List<Fused> ranked = new ArrayList<>(all.values());
        ranked.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::chunkId));
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : List.copyOf(ranked);
    }

    /** Lucene's cosine score (1 + cos) / 2 back to the cosine, negative ones as 0. */
    static double cosine(double luceneScore) {
        return Math.max(0, Math.min(1, 2 * luceneScore - 1));
    }

    private static List<String> union(List<Candidate> a, List<Candidate> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Candidate c : a) {
            if (seen.add(c.chunkId())) {
                out.add(c.chunkId());
            }
        }
        for (Candidate c : b) {
            if (seen.add(c.chunkId())) {
                out.add(c.chunkId());
            }
        }
        return out;
    }
}
