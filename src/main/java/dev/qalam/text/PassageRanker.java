package dev.qalam.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Ranks the passages of a context against a question with Lucene's BM25 over a small in-memory index of the
 * passages, with {@link TextAnalysis the analysis chain} and {@link TextAnalysis#similarity() the similarity} of
 * Qalam's search index, so that the extractive answerer and retrieval never
 * disagree on what matches better. (Lucene's {@code MemoryIndex} holds one document, which gives every
 * passage the same inverse document frequencies: the passages have to be one index for BM25 to weigh rare
 * words up.) Deterministic: equal scores keep the passages' order in the context.
 */
public final class PassageRanker {

    /** A passage of the context; {@code source} says where it came from, {@code order} its position. */
    public record Passage(String text, String source, int order) {
    }

    public record Scored(Passage passage, double score, int matchedTerms) {
    }

    private static final String FIELD = "text";
    private static final int MAX_PASSAGE_CHARS = 600;

    private final Analyzer analyzer = TextAnalysis.analyzer();

    /** Paragraphs, and long paragraphs cut at sentence ends into pieces of at most about 600 characters. */
    public static List<String> split(String text) {
        return TextSplitter.passages(text, MAX_PASSAGE_CHARS);
    }

    public Set<String> questionTerms(String question) {
        return new LinkedHashSet<>(TextAnalysis.terms(question));
    }

    /**
     * The passages that match the question, best first. A passage must match at least a third of the
     * question's distinct terms (or one term of a short question) to count as relevant.
     */
    public List<Scored> rank(String question, List<Passage> passages) {
        Set<String> q = questionTerms(question);
        if (q.isEmpty() || passages.isEmpty()) {
            return List.of();
        }
        int needed = Math.max(1, (int) Math.ceil(q.size() / 3.0));
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : q) {
            query.add(new TermQuery(new Term(FIELD, term)), BooleanClause.Occur.SHOULD);
        }
        query.setMinimumNumberShouldMatch(needed);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(TextAnalysis.similarity());
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (Passage p : passages) {
                    Document d = new Document();
                    d.add(new TextField(FIELD, p.text(), Field.Store.NO));
                    writer.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(TextAnalysis.similarity());
                List<Scored> out = new ArrayList<>();
                // Ties come back in document order, which is the passages' order.
                for (ScoreDoc hit : searcher.search(query.build(), passages.size()).scoreDocs) {
                    Passage p = passages.get(hit.doc);
                    out.add(new Scored(p, hit.score, matched(q, p.text())));
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int matched(Set<String> questionTerms, String text) {
        Set<String> terms = new LinkedHashSet<>(TextAnalysis.terms(text));
        terms.retainAll(questionTerms);
        return terms.size();
    }
}
