package dev.qalam.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.testing.ContractExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link SearchIndex} must do. An engine's test extends this class and supplies the index; each
 * test works in its own owner and collection, so one index serves the whole class.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SearchIndexContract {

    protected abstract SearchIndex index();

    protected String owner;
    protected String collection;

    @BeforeEach
    void loadCorpus() {
        owner = "owner-" + UUID.randomUUID();
        collection = "col-" + UUID.randomUUID();
        index().upsert(TestCorpus.chunks(owner, collection));
    }

    protected SearchScope scope() {
        return SearchScope.of(owner, Set.of(collection));
    }

    protected SearchResults search(SearchScope scope, String query) {
        return index().search(SearchRequest.of(scope, query, TestCorpus.embed(query), 5));
    }

    protected String doc(String name) {
        return TestCorpus.documentId(collection, name);
    }

    private static List<String> docs(SearchResults r) {
        return r.hits().stream().map(h -> h.chunk().documentId()).toList();
    }

    @Test
    void englishQuestionsFindTheirPassageFirst() {
        assertEquals(doc("en-invoice"), docs(search(scope(), "How long do I have to pay an invoice?")).get(0));
        assertEquals(doc("en-refund"), docs(search(scope(), "Can I send back an item I bought and get my money back?")).get(0));
        assertEquals(doc("en-security"), docs(search(scope(), "visitor badge")).get(0));
    }

    @Test
    void arabicQuestionsFindTheirPassageFirstWhateverTheLetterFormsAndDigits() {
        assertEquals(doc("ar-riyadh"), docs(search(scope(), "ما هي عاصمة السعودية؟")).get(0));
        // اجازه سنويه: no hamza, ه for ة; the chunk has إجازة سنوية.
        assertEquals(doc("ar-leave"), docs(search(scope(), "كم مدة الاجازه السنويه للموظف")).get(0));
        // 8 in ASCII; the chunk has ٨.
        assertEquals(doc("ar-library"), docs(search(scope(), "هل تفتح المكتبة الساعة 8؟")).get(0));
        assertEquals(doc("ar-invoice"), docs(search(scope(), "متى يجب سداد الفاتورة")).get(0));
    }

    @Test
    void hitsCarryTheChunkAReadableScoreASnippetAndDirectHit() {
        SearchResults r = search(scope(), "late payment fee");
        SearchHit top = r.hits().get(0);
        assertEquals(collection + ":en-invoice", top.chunk().chunkId());
        assertEquals(owner, top.chunk().owner());
        assertEquals("Payment terms", top.chunk().title());
        assertEquals(3, top.chunk().pageStart());
        assertEquals(3, top.chunk().pageEnd());
        assertEquals("en", top.chunk().language());
        assertEquals(TestCorpus.ENTRIES.get(0).metadata().get("tags"), top.chunk().metadata().get("tags"));
        assertEquals(new java.math.BigDecimal("2024"), top.chunk().metadata().get("year"));
        assertTrue(top.directHit(), "late, payment and fee are all in the chunk");
        assertEquals(List.of("late", "payment", "fee"), top.matchedTerms());
        assertEquals(List.of("late", "payment", "fee"), r.keyTerms());
        assertTrue(top.snippet().contains("Late payments incur a fee of two percent per month."), top.snippet());
        double previous = Double.MAX_VALUE;
        for (SearchHit h : r.hits()) {
            assertTrue(h.score() >= 0 && h.score() <= 1, "score in 0..1: " + h.score());
            assertTrue(h.score() <= previous, "sorted best first");
            previous = h.score();
        }
        assertTrue(top.score() > 0.5, "a hit on both sides scores high: " + top.score());
        assertFalse(r.hits().get(r.hits().size() - 1).directHit());
    }

    @Test
    void wordsAloneAndVectorsAloneBothWork() {
        SearchResults words = index().search(SearchRequest.of(scope(), "reception desk", null, 3));
        assertEquals(doc("en-security"), docs(words).get(0));
        assertEquals(1.0, words.hits().get(0).score(), 1e-9, "words alone: the best BM25 match scores 1");
        SearchResults vectors = index().search(new SearchRequest(scope(), "",
                Optional.of(TestCorpus.embed("holiday entitlement for staff")), 3));
        assertEquals(doc("en-leave"), docs(vectors).get(0));
        SearchResults nothing = index().search(SearchRequest.of(scope(), "the of and", null, 3));
        assertEquals(List.of(), nothing.hits(), "only stop words and no vector: nothing to look for");
    }

    @Test
    void theRequestWeighsTheVectorSide() {
        String query = "reception desk";
        Optional<Embedding> vector = Optional.of(TestCorpus.embed(query));
        SearchHit wordsOnly = index().search(SearchRequest.of(scope(), query, vector.get(), 1).withVectorWeight(0))
                .hits().get(0);
        assertEquals(1.0, wordsOnly.score(), 1e-9, "vector weight 0: the best BM25 match scores 1");
        SearchHit vectorsOnly = index().search(SearchRequest.of(scope(), query, vector.get(), 1).withVectorWeight(1))
                .hits().get(0);
        assertEquals(vectorsOnly.semantic(), vectorsOnly.score(), 1e-4, "vector weight 1: the cosine is the score");
        SearchHit quarter = index().search(SearchRequest.of(scope(), query, vector.get(), 1).withVectorWeight(0.25))
                .hits().get(0);
        assertEquals(0.75 * quarter.lexical() + 0.25 * quarter.semantic(), quarter.score(), 1e-3);
    }

    @Test
    void scopeLimitsToOwnerCollectionAndDocuments() {
        String otherOwner = "owner-" + UUID.randomUUID();
        String otherCollection = "col-" + UUID.randomUUID();
        index().upsert(TestCorpus.chunks(otherOwner, otherCollection));
        SearchResults mine = search(scope(), "invoice");
        assertTrue(mine.hits().stream().allMatch(h -> h.chunk().collectionId().equals(collection)));
        assertEquals(List.of(), search(SearchScope.of(owner, Set.of(otherCollection)), "invoice").hits(),
                "another owner's collection is invisible");
        SearchResults both = search(SearchScope.anyOwner(Set.of(collection, otherCollection)), "invoices payable");
        assertEquals(Set.of(collection, otherCollection), both.hits().stream().map(h -> h.chunk().collectionId())
                .filter(c -> true).collect(Collectors.toSet()));
        SearchResults onlyLeave = search(scope().withDocuments(Set.of(doc("en-leave"))), "invoice");
        assertEquals(List.of(doc("en-leave")), docs(onlyLeave), "doc_ids limit the search");
        SearchResults withoutInvoice = search(scope().withoutDocuments(Set.of(doc("en-invoice"), doc("ar-invoice"))),
                "How long do I have to pay an invoice?");
        assertFalse(docs(withoutInvoice).contains(doc("en-invoice")));
        assertEquals(8, index().count(scope()));
    }

    @Test
    void theDeploymentApiExampleFilterWorksVerbatim() {
        MetadataFilter f = MetadataFilter.parse(ContractExamples.DEPLOYMENT_FILTER, "filter_metadata").orElseThrow();
        Set<String> expected = Set.of(doc("en-invoice"), doc("en-security"), doc("ar-invoice"), doc("ar-library"));
        assertEquals(4, index().count(scope().withMetadata(Optional.of(f))));
        SearchResults r = index().search(SearchRequest.of(scope().withMetadata(Optional.of(f)), "invoices days",
                TestCorpus.embed("invoices days"), 20));
        assertEquals(expected, Set.copyOf(docs(r)));
    }

    @Test
    void everyFilterClauseSelectsAsDocumented() {
        assertEquals(Set.of("en-invoice", "ar-invoice"), matching("{\"term\":{\"tags\":\"Finance\"}}"));
        assertEquals(Set.of("en-invoice", "en-leave", "en-refund"), matching("{\"term\":{\"year\":2024}}"));
        assertEquals(Set.of("en-security", "ar-library"), matching("{\"terms\":{\"year\":[2025, \"2023\"]}}"));
        assertEquals(Set.of("en-security"), matching("{\"term\":{\"confidential\":true}}"));
        assertEquals(Set.of("en-security", "ar-library", "en-invoice", "en-leave", "en-refund"),
                matching("{\"range\":{\"year\":{\"gte\":2023,\"lt\":2026}}}"));
        assertEquals(Set.of("en-invoice", "ar-riyadh"), matching("{\"term\":{\"jurisdiction\":\"ALABAMA\"}}"));
        assertEquals(Set.of("en-invoice", "ar-library"), matching("{\"term\":{\"date\":\"2024-10-30T00:00:00Z\"}}"));
        assertEquals(Set.of("en-invoice"),
                matching("{\"term\":{\"jurisdiction\":\"ALABAMA\"}}", "{\"term\":{\"date\":\"2024-10-30\"}}"));
        assertEquals(Set.of("en-leave", "ar-invoice"), matching("{\"range\":{\"jurisdiction\":{\"gte\":\"f\",\"lt\":\"n\"}}}"));
        assertEquals(Set.of("en-refund"), matching("{\"range\":{\"jurisdiction\":{\"gt\":\"t\"}}}"));
        assertEquals(Set.of("ar-leave"), matching("{\"bool\":{\"must_not\":{\"exists\":{\"field\":\"jurisdiction\"}}}}"));
        assertEquals(Set.of("en-security"), matching("{\"range\":{\"date\":{\"gte\":\"2025-02-10T12:00:00+03:00\"}}}"));
        // must + should: the should clause is optional (Elasticsearch), even inside OpenSearch's filter context.
        assertEquals(Set.of("en-invoice", "en-leave", "en-refund"),
                matching("{\"bool\":{\"must\":{\"term\":{\"year\":2024}},\"should\":{\"term\":{\"jurisdiction\":\"texas\"}}}}"));
        assertEquals(Set.of("en-refund"), matching("{\"bool\":{\"must\":{\"term\":{\"year\":2024}},"
                + "\"should\":{\"term\":{\"jurisdiction\":\"texas\"}},\"minimum_should_match\":1}}"));
        assertEquals(Set.of("en-invoice"), matching("{\"bool\":{\"should\":[{\"term\":{\"tags\":\"finance\"}},"
                + "{\"term\":{\"year\":2024}},{\"term\":{\"jurisdiction\":\"alabama\"}}],\"minimum_should_match\":\"-1\"}}"));
        assertEquals(Set.of(), matching("{\"terms\":{\"jurisdiction\":[]}}"));
    }

    /** Documents (by corpus name) matching all the filters given (as a bool filter) in an empty-text vector search. */
    private Set<String> matching(String... filters) {
        String json = filters.length == 1 ? filters[0] : "{\"bool\":{\"filter\":[" + String.join(",", filters) + "]}}";
        MetadataFilter f = MetadataFilter.parse(json, "filter_metadata").orElseThrow();
        SearchScope scoped = scope().withMetadata(Optional.of(f));
        SearchResults r = index().search(new SearchRequest(scoped, "", Optional.of(TestCorpus.embed("anything")), 20));
        Set<String> names = new java.util.HashSet<>();
        for (SearchHit h : r.hits()) {
            names.add(h.chunk().documentId().substring(collection.length() + 1));
        }
        assertEquals(names.size(), index().count(scoped), "count agrees with search for " + json);
        return names;
    }

    @Test
    void upsertIsIdempotentAndReplacesByChunkId() {
        index().upsert(TestCorpus.chunks(owner, collection));
        assertEquals(8, index().count(scope()));
        IndexedChunk first = TestCorpus.chunks(owner, collection).get(0);
        IndexedChunk changed = new IndexedChunk(first.chunkId(), owner, collection, first.documentId(), "Payment terms",
                "Invoices are now payable within sixty days.", 3, 4, "en", TestCorpus.embed("sixty days"), Map.of());
        index().upsert(List.of(changed));
        assertEquals(8, index().count(scope()));
        SearchHit hit = index().search(SearchRequest.of(scope(), "sixty", null, 1)).hits().get(0);
        assertEquals(first.chunkId(), hit.chunk().chunkId());
        assertEquals(4, hit.chunk().pageEnd());
        assertEquals(Map.of(), hit.chunk().metadata());
        assertEquals(List.of(), index().search(SearchRequest.of(scope(), "thirty percent month", null, 5)).hits().stream()
                .filter(h -> h.chunk().chunkId().equals(first.chunkId())).toList(), "the old text is gone");
    }

    @Test
    void deletingADocumentOrACollectionRemovesItsChunksAtOnce() {
        index().deleteDocument(doc("en-invoice"));
        assertEquals(7, index().count(scope()));
        assertFalse(docs(search(scope(), "invoices payable")).contains(doc("en-invoice")));
        index().deleteDocument("no-such-document");
        index().deleteCollection(collection);
        assertEquals(0, index().count(scope()));
        assertEquals(List.of(), search(scope(), "invoices payable").hits());
    }

    @Test
    void vectorsOfAnotherModelAreNeverCompared() {
        float[] v = TestCorpus.embed("annual leave").vector();
        IndexedChunk other = new IndexedChunk(collection + ":other-model", owner, collection, doc("other-model"), "",
                "zzzz", 1, 1, "en", new Embedding("another-model", v), Map.of());
        index().upsert(List.of(other));
        SearchResults r = index().search(new SearchRequest(scope(), "", Optional.of(TestCorpus.embed("annual leave")), 20));
        assertFalse(docs(r).contains(doc("other-model")));
        SearchResults same = index().search(new SearchRequest(scope(), "",
                Optional.of(new Embedding("another-model", v)), 20));
        assertEquals(List.of(doc("other-model")), docs(same));
    }

    @Test
    void vectorsOfUpstreamModelsWithThousandsOfDimensionsWork() {
        java.util.Random r = new java.util.Random(7);
        List<IndexedChunk> wide = new ArrayList<>();
        float[] target = null;
        for (int i = 0; i < 5; i++) {
            float[] v = new float[3072];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) r.nextGaussian();
            }
            target = i == 3 ? v : target;
            wide.add(new IndexedChunk(collection + ":wide-" + i, owner, collection, doc("wide-" + i), "", "wide " + i, 1, 1,
                    "en", new Embedding("text-embedding-3-large", v), Map.of()));
        }
        index().upsert(wide);
        SearchResults r3072 = index().search(new SearchRequest(scope(), "",
                Optional.of(new Embedding("text-embedding-3-large", target)), 1));
        assertEquals(doc("wide-3"), docs(r3072).get(0));
        assertEquals(1.0, r3072.hits().get(0).semantic(), 1e-3);
    }

    @Test
    void chunksWithoutVectorsAreFoundByTheirWords() {
        IndexedChunk plain = new IndexedChunk(collection + ":plain", owner, collection, doc("plain"), "Parking",
                "Staff parking is available in the north car park.", 9, 9, "en", null, Map.of("site", "North"));
        index().upsert(List.of(plain));
        SearchResults r = search(scope(), "where can staff park a car?");
        assertEquals(doc("plain"), docs(r).get(0));
    }

    @Test
    void longChunksGetASnippetAroundTheBestSentence() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            text.append("Filler sentence number ").append(i).append(" talks about nothing in particular at all. ");
        }
        text.append("The warranty covers manufacturing defects for twenty four months. ");
        for (int i = 12; i < 20; i++) {
            text.append("Filler sentence number ").append(i).append(" talks about nothing in particular at all. ");
        }
        IndexedChunk longChunk = new IndexedChunk(collection + ":long", owner, collection, doc("long"), "Warranty",
                text.toString(), 10, 11, "en", TestCorpus.embed(text.toString()), Map.of());
        index().upsert(List.of(longChunk));
        SearchHit hit = index().search(SearchRequest.of(scope(), "warranty manufacturing defects", null, 1)).hits().get(0);
        assertTrue(hit.snippet().contains("The warranty covers manufacturing defects for twenty four months."), hit.snippet());
        assertTrue(hit.snippet().length() <= Highlighter.SNIPPET_LENGTH + 2, hit.snippet());
        assertTrue(hit.snippet().startsWith("…") && hit.snippet().endsWith("…"), hit.snippet());
        assertTrue(hit.directHit());
    }

    @Test
    void manyConcurrentWritersAndReadersLoseNothing() throws Exception {
        String col = "col-" + UUID.randomUUID();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String id = col + ":" + thread + "-" + i;
                        index().upsert(List.of(new IndexedChunk(id, owner, col, "d" + thread, "", "concurrent chunk " + id,
                                1, 1, "en", null, Map.of())));
                        index().search(SearchRequest.of(SearchScope.of(owner, Set.of(col)), "concurrent", null, 5));
                    }
                }));
            }
            for (var f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20, index().count(SearchScope.of(owner, Set.of(col))));
    }
}
