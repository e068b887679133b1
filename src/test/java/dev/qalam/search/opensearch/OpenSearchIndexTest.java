package dev.qalam.search.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.json.Jsonp;
import dev.qalam.search.SearchHit;
import dev.qalam.search.SearchIndex;
import dev.qalam.search.SearchIndexContract;
import dev.qalam.search.SearchRequest;
import dev.qalam.search.SearchResults;
import dev.qalam.search.SearchScope;
import dev.qalam.search.TestCorpus;
import dev.qalam.text.TextAnalysis;
import dev.qalam.search.lucene.LuceneSearchIndex;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSearch index against the contract, on a real OpenSearch 2.19.1 node; and against the embedded
 * index: the same analysis token for token, and the same results in the same order (within a tolerance for
 * near-ties) for the same chunks and queries.
 */
@ExtendWith(OpenSearchTestNode.Extension.class)
class OpenSearchIndexTest extends SearchIndexContract {

    private static OpenSearchIndex index;

    @BeforeAll
    static void open() {
        index = new OpenSearchIndex(settings("qalam-contract-" + UUID.randomUUID().toString().substring(0, 8)));
        assertTrue(index.createdEmpty());
    }

    static OpenSearchSettings settings(String name) {
        return new OpenSearchSettings(OpenSearchTestNode.get().url(), name, Optional.empty(), Optional.empty(), 0);
    }

    @AfterAll
    static void close() {
        if (index != null) {
            index.call("DELETE", "/" + index.indexName(), null);
            index.close();
        }
    }

    @Override
    protected SearchIndex index() {
        return index;
    }

    @Test
    void aSecondServerFindsTheIndexAndWhatTheFirstWrote() {
        try (OpenSearchIndex second = new OpenSearchIndex(settings(index.indexName().replaceAll("-v\\d+$", "")))) {
            assertFalse(second.createdEmpty());
            assertEquals(8, second.count(scope()));
        }
    }

    @Test
    void analysisIsTheSameTokenForToken() {
        List<String> samples = List.of("What are the company's Invoices paid within THIRTY days?",
                "أحمد ذَهَبَ إلى المكتبـــة والمدارس", "٢٠٢٤ ۴۵ 123 کتابی", "عقد licenses للبرنامج Qalam",
                TestCorpus.chunks("o", "c").get(4).text());
        for (String text : samples) {
            JsonObject body = Jsonp.PROVIDER.createObjectBuilder().add("analyzer", TextAnalysis.ANALYZER).add("text", text).build();
            JsonObject answer = Jsonp.PROVIDER.createReader(new StringReader(
                    index.call("POST", "/" + index.indexName() + "/_analyze", body))).readObject();
            List<String> tokens = answer.getJsonArray("tokens").stream()
                    .map(t -> t.asJsonObject().getString("token")).toList();
            assertEquals(TextAnalysis.terms(text), tokens, text);
        }
    }

    /** Queries of every kind: English and Arabic, words and paraphrase, filtered. */
    private static final List<String> QUERIES = List.of("How long do I have to pay an invoice?", "late payment fee",
            "Can I send back an item I bought and get my money back?", "visitor badge", "annual leave days",
            "ما هي عاصمة السعودية؟", "كم مدة الاجازه السنويه للموظف", "هل تفتح المكتبة الساعة 8؟", "متى يجب سداد الفاتورة",
            "holiday entitlement for staff", "finance contract terms", "days");

    @Test
    void bothEnginesReturnTheSameResultsInTheSameOrder(@TempDir Path folder) {
        String name = "qalam-parity-" + UUID.randomUUID().toString().substring(0, 8);
        try (OpenSearchIndex shared = new OpenSearchIndex(settings(name));
                LuceneSearchIndex embedded = LuceneSearchIndex.open(folder)) {
            shared.upsert(TestCorpus.chunks("o", "c"));
            embedded.upsert(TestCorpus.chunks("o", "c"));
            SearchScope scope = SearchScope.of("o", Set.of("c"));
            for (String query : QUERIES) {
                for (boolean withVector : List.of(true, false)) {
                    SearchRequest request = SearchRequest.of(scope, query, withVector ? TestCorpus.embed(query) : null, 5);
                    assertSameRanking(query + (withVector ? " (hybrid)" : " (BM25)"), embedded.search(request), shared.search(request));
                }
            }
            shared.call("DELETE", "/" + shared.indexName(), null);
        }
    }

    /**
     * Same hits; at each rank the same chunk, or two chunks whose scores differ by less than 0.01 (a near-tie
     * the engines' float arithmetic may order either way); same scores within 0.01; same snippets and direct hits.
     */
    private static void assertSameRanking(String what, SearchResults lucene, SearchResults opensearch) {
        List<SearchHit> a = lucene.hits();
        List<SearchHit> b = opensearch.hits();
        assertEquals(a.size(), b.size(), what + ": number of hits");
        Set<String> idsA = new HashSet<>();
        Set<String> idsB = new HashSet<>();
        List<String> report = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            SearchHit x = a.get(i);
            SearchHit y = b.get(i);
            report.add(x.chunk().chunkId() + " " + x.score() + " | " + y.chunk().chunkId() + " " + y.score());
            assertEquals(x.score(), y.score(), 0.01, what + ": scores at rank " + i + "\n" + report);
            if (!x.chunk().chunkId().equals(y.chunk().chunkId())) {
                assertTrue(Math.abs(x.score() - y.score()) < 0.01, what + ": order at rank " + i + "\n" + report);
            }
            idsA.add(x.chunk().chunkId());
            idsB.add(y.chunk().chunkId());
        }
        assertEquals(a.get(0).chunk().chunkId(), b.get(0).chunk().chunkId(), what + ": top hit\n" + report);
        assertTrue(overlap(idsA, idsB) >= a.size() - 1, what + ": hits\n" + report);
        for (SearchHit x : a) {
            SearchHit y = b.stream().filter(h -> h.chunk().chunkId().equals(x.chunk().chunkId())).findFirst().orElse(null);
            if (y != null) {
                assertEquals(x.chunk(), y.chunk(), what);
                assertEquals(x.snippet(), y.snippet(), what);
                assertEquals(x.directHit(), y.directHit(), what);
            }
        }
    }

    private static int overlap(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size();
    }
}
