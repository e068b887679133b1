package dev.qalam.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both engines share: a search is two candidate lists from the engine (BM25 over title and text,
 * k-nearest vectors), fused ({@link Fusion}), then the best chunks loaded and decorated with snippet and
 * direct-hit ({@link Highlighter}). An engine implements only {@link #retrieve}, so scores, order and
 * snippets cannot drift apart between engines except by what the engines themselves return.
 */
public abstract class HybridSearchIndex implements SearchIndex {

    /** A candidate from one side: chunk id and the engine's raw score. */
    public record Candidate(String chunkId, double score) {
    }

    /**
     * The candidates of one search, and a way to load the chunks that made the cut, from the same view
     * of the index as the candidates.
     */
    protected abstract static class Retrieval implements AutoCloseable {
        private final List<Candidate> lexical;
        private final List<Candidate> semantic;

        protected Retrieval(List<Candidate> lexical, List<Candidate> semantic) {
            this.lexical = lexical;
            this.semantic = semantic;
        }

        /** BM25 candidates, best first: a {@code should} match of the query's terms in text and title (0.5). */
        public final List<Candidate> lexical() {
            return lexical;
        }

        /** Vector candidates, best first, scored (1 + cosine) / 2. */
        public final List<Candidate> semantic() {
            return semantic;
        }

        /** The chunks with these ids (those deleted meanwhile may be missing). */
        public abstract Map<String, StoredChunk> load(Collection<String> chunkIds);

        @Override
        public abstract void close();
    }

    /** Boost of the title field in the BM25 query, the same in both engines. */
    protected static final float TITLE_BOOST = 0.5f;

    private final Fusion fusion;
    private final Highlighter highlighter = new Highlighter();

    protected HybridSearchIndex() {
        this(new Fusion());
    }

    protected HybridSearchIndex(Fusion fusion) {
        this.fusion = fusion;
    }

    /**
     * Both candidate lists, each at most {@code depth} long, within the request's scope: BM25 when the
     * query has analysed terms, vectors of the request's embedding model when it has a vector.
     */
    protected abstract Retrieval retrieve(SearchRequest request, int depth);

    @Override
    public final SearchResults search(SearchRequest request) {
        Highlighter.QueryTerms terms = highlighter.queryTerms(request.text());
        boolean useLexical = !dev.qalam.text.TextAnalysis.terms(request.text()).isEmpty();
        double vectorWeight = request.vectorWeight().orElse(fusion.vectorWeight());
        boolean useSemantic = request.vector().isPresent() && (vectorWeight > 0 || !useLexical);
        if (!useLexical && !useSemantic) {
            return new SearchResults(List.of(), terms.keyTerms());
        }
        int depth = fusion.depth(request.limit());
        // A vector weighted 0 is not searched at all (unless it is all the query has).
        SearchRequest effective = useSemantic ? request
                : new SearchRequest(request.scope(), request.text(), Optional.empty(), request.limit());
        try (Retrieval retrieval = retrieve(effective, depth)) {
            List<Fusion.Fused> fused = fusion.fuse(convert(retrieval.lexical()), convert(retrieval.semantic()),
                    useLexical, useSemantic, 1 - vectorWeight, depth, request.limit());
            Map<String, StoredChunk> chunks = retrieval.load(fused.stream().map(Fusion.Fused::chunkId).toList());
            List<SearchHit> hits = new ArrayList<>(fused.size());
            for (Fusion.Fused f : fused) {
                StoredChunk chunk = chunks.get(f.chunkId());
                if (chunk == null) {
                    continue;
                }
                Highlighter.Decoration d = highlighter.decorate(chunk, terms);
                hits.add(new SearchHit(chunk, round(f.score()), round(f.lexical()), round(f.semantic()),
                        d.directHit(), d.snippet(), d.matchedTerms()));
            }
            return new SearchResults(List.copyOf(hits), terms.keyTerms());
        }
    }

    /** Four decimals: enough to order by, and what a client prints without noise. */
    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    private static List<Fusion.Candidate> convert(List<Candidate> in) {
        List<Fusion.Candidate> out = new ArrayList<>(in.size());
        for (Candidate c : in) {
            out.add(new Fusion.Candidate(c.chunkId(), c.score()));
        }
        return out;
    }
}
