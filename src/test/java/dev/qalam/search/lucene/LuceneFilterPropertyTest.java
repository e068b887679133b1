package dev.qalam.search.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.search.IndexFields;
import dev.qalam.search.IndexedChunk;
import dev.qalam.search.filter.InvalidFilterException;
import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.search.filter.ReferenceFilter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Lucene's translation of random metadata filters selects exactly the documents that the plain reading of
 * the filter ({@link ReferenceFilter}) selects, over random documents. Values are drawn from small sets
 * with the cases that matter (case, Arabic letter forms, dates as dates and as date-times, numbers as numbers
 * and as strings, arrays, missing properties), so that filters often match and often do not.
 */
class LuceneFilterPropertyTest {

    private static final List<String> KEYS = List.of("jurisdiction", "date", "n", "tags", "x.y");
    private static final List<Object> SCALARS = List.of("Alabama", "alabama", "FLORIDA", "Nevada", "جدة", "جده",
            "2024-10-29", "2024-10-30", "2024-10-30T10:00:00Z", "2025-01-01T00:00:00+03:00", "5", "5.50", "-3",
            new BigDecimal("5.5"), new BigDecimal("2024"), new BigDecimal("-3"), new BigDecimal("0"), true, false, "b", "c");
    private static final List<String> VALUES_JSON = List.of("\"alabama\"", "\"Florida\"", "\"nevada\"", "\"جده\"",
            "\"2024-10-30\"", "\"2024-10-29\"", "5.5", "5", "-3", "2024", "true", "false", "\"5\"", "\"b\"");
    private static final List<String> BOUNDS_JSON = List.of("\"2024-10-29\"", "\"2024-10-30T05:00:00Z\"", "\"2025-01-01\"",
            "0", "5", "5.5", "2024", "-3", "\"b\"", "\"alabama\"", "\"z\"");

    @Property(tries = 300)
    void luceneSelectsWhatTheFilterMeans(@ForAll("documents") List<Map<String, Object>> documents,
            @ForAll("filters") String filterJson) throws IOException {
        MetadataFilter filter;
        try {
            filter = MetadataFilter.parse(filterJson, "filter").orElseThrow();
        } catch (InvalidFilterException e) {
            return; // e.g. range bounds of different kinds: refused, nothing to compare
        }
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < documents.size(); i++) {
            if (ReferenceFilter.matches(filter, documents.get(i))) {
                expected.add(i);
            }
        }
        assertEquals(expected, lucene(documents, filter), filterJson + " over " + documents);
    }

    private static Set<Integer> lucene(List<Map<String, Object>> documents, MetadataFilter filter) throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < documents.size(); i++) {
                    w.addDocument(LuceneSearchIndex.document(new IndexedChunk(Integer.toString(i), "o", "c", "d" + i, "",
                            "text", 1, 1, "en", null, documents.get(i))));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Set<Integer> out = new TreeSet<>();
                for (ScoreDoc sd : searcher.search(LuceneQueries.metadata(filter), 1000).scoreDocs) {
                    out.add(Integer.parseInt(searcher.storedFields().document(sd.doc).get(IndexFields.CHUNK_ID)));
                }
                return out;
            }
        }
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> documents() {
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.of(SCALARS).map(v -> (Object) v),
                Arbitraries.of(SCALARS).list().ofMinSize(1).ofMaxSize(3).map(v -> (Object) v));
        Arbitrary<Map<String, Object>> document = Arbitraries.maps(Arbitraries.of(KEYS), value).ofMaxSize(4)
                .map(m -> (Map<String, Object>) new LinkedHashMap<>(m));
        return document.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> filters() {
        return filter(3);
    }

    private Arbitrary<String> filter(int depth) {
        Arbitrary<String> key = Arbitraries.of(KEYS).map(k -> "\"" + k + "\"");
        Arbitrary<String> term = Combinators.combine(key, Arbitraries.of(VALUES_JSON))
                .as((k, v) -> "{\"term\":{" + k + ":" + v + "}}");
        Arbitrary<String> terms = Combinators.combine(key, Arbitraries.of(VALUES_JSON).list().ofMaxSize(3))
                .as((k, v) -> "{\"terms\":{" + k + ":[" + String.join(",", v) + "]}}");
        Arbitrary<String> range = Combinators.combine(key, Arbitraries.of("gt", "gte"), Arbitraries.of("lt", "lte"),
                Arbitraries.of(BOUNDS_JSON).optional(), Arbitraries.of(BOUNDS_JSON).optional())
                .as((k, lo, hi, a, b) -> {
                    List<String> parts = new ArrayList<>();
                    a.ifPresent(x -> parts.add("\"" + lo + "\":" + x));
                    b.ifPresent(x -> parts.add("\"" + hi + "\":" + x));
                    if (parts.isEmpty()) {
                        parts.add("\"gte\":0");
                    }
                    return "{\"range\":{" + k + ":{" + String.join(",", parts) + "}}}";
                });
        Arbitrary<String> exists = key.map(k -> "{\"exists\":{\"field\":" + k + "}}");
        Arbitrary<String> leaf = Arbitraries.oneOf(term, terms, range, exists);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> child = Arbitraries.lazy(() -> filter(depth - 1));
        Arbitrary<Optional<String>> msm = Arbitraries.of("0", "1", "2", "-1", "\"50%\"", "\"-50%\"").optional();
        Arbitrary<String> bool = Combinators.combine(child.list().ofMaxSize(2), child.list().ofMaxSize(2),
                child.list().ofMaxSize(3), child.list().ofMaxSize(2), msm)
                .as((must, filter, should, mustNot, m) -> {
                    List<String> parts = new ArrayList<>();
                    if (!must.isEmpty()) {
                        parts.add("\"must\":[" + String.join(",", must) + "]");
                    }
                    if (!filter.isEmpty()) {
                        parts.add("\"filter\":[" + String.join(",", filter) + "]");
                    }
                    if (!should.isEmpty()) {
                        parts.add("\"should\":[" + String.join(",", should) + "]");
                    }
                    if (!mustNot.isEmpty()) {
                        parts.add("\"must_not\":[" + String.join(",", mustNot) + "]");
                    }
                    m.ifPresent(x -> parts.add("\"minimum_should_match\":" + x));
                    return "{\"bool\":{" + String.join(",", parts) + "}}";
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(3, bool));
    }
}
