package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.text.PassageRanker.Passage;
import dev.qalam.text.PassageRanker.Scored;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class PassageRankerTest {

    final PassageRanker ranker = new PassageRanker();

    static List<Passage> passages(String... texts) {
        List<Passage> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new Passage(t, "system", out.size()));
        }
        return out;
    }

    @Test
    void rareTermsWeighMoreThanCommonOnes() {
        List<Scored> r = ranker.rank("invoice penalty", passages(
                "The invoice is attached.", "The invoice total is due.", "A late penalty applies to the invoice."));
        assertEquals("A late penalty applies to the invoice.", r.get(0).passage().text());
        assertEquals(2, r.get(0).matchedTerms());
    }

    @Test
    void passagesMustMatchAThirdOfTheQuestion() {
        List<Scored> r = ranker.rank("invoice payment bank transfer deadline penalty", passages(
                "The invoice is attached.", "Payment by bank transfer before the deadline."));
        assertEquals(1, r.size());
        assertEquals(1, r.get(0).passage().order());
        assertTrue(ranker.rank("football", passages("The invoice is attached.")).isEmpty());
        assertTrue(ranker.rank("the of and", passages("The invoice is attached.")).isEmpty(), "only stop words");
    }

    @Test
    void equalScoresKeepTheContextOrder() {
        List<Scored> r = ranker.rank("الفاتورة", passages("أرسلت الفاتورة.", "وصلت الفاتورة."));
        assertEquals(2, r.size());
        assertEquals(r.get(0).score(), r.get(1).score());
        assertEquals(0, r.get(0).passage().order());
    }

    /** The scores are exactly those of a Lucene index built with the same analyzer and similarity. */
    @Test
    void scoresAreLuceneBm25() throws Exception {
        List<Passage> ps = passages("Riyadh is the capital of Saudi Arabia.", "The Red Sea lies to the west.",
                "Jeddah is a port on the Red Sea, west of Riyadh.");
        List<Scored> r = ranker.rank("Red Sea Riyadh", ps);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.analyzer())
                    .setSimilarity(TextAnalysis.similarity()))) {
                for (Passage p : ps) {
                    Document d = new Document();
                    d.add(new TextField("text", p.text(), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(TextAnalysis.similarity());
                ScoreDoc[] hits = s.search(new QueryParser("text", TextAnalysis.analyzer()).parse("Red Sea Riyadh"), 10).scoreDocs;
                assertEquals(hits.length, r.size());
                for (int i = 0; i < hits.length; i++) {
                    assertEquals(hits[i].doc, r.get(i).passage().order());
                    assertEquals(hits[i].score, r.get(i).score(), 1e-6);
                }
            }
        }
        assertEquals(2, r.get(0).passage().order(), "the passage with all three terms first");
    }

    @Test
    void splitsParagraphsAndLongOnes() {
        assertEquals(List.of("One.", "Two."), PassageRanker.split("One.\n\n\nTwo.\n"));
    }
}
