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
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Lucene's translation of random metadata filters selects exactly the documents that the plain reading of
 * the filter ({@link ReferenceFilter}) selects, over random documents. Values are drawn from small sets with
 * the cases that matter (case, Arabic letter forms, dates as dates and as date-times, numbers as numbers and
 * as strings, arrays, missing properties), so that filters often match and often do not. Each case has its
 * own seed, printed when it fails, so a failure can be replayed ({@code -Dqalam.filterSeed=<seed>}).
 */
class LuceneFilterPropertyTest {

    private static final int CASES = 400;
    private static final List<String> KEYS = List.of("jurisdiction", "date", "n", "tags", "x.y");
    private static final List<Object> SCALARS = List.of("Alabama", "alabama", "FLORIDA", "Nevada", "جدة", "جده",
            "2024-10-29", "2024-10-30", "2024-10-30T10:00:00Z", "2025-01-01T00:00:00+03:00", "5", "5.50", "-3", "-0",
            new BigDecimal("5.5"), new BigDecimal("2024"), new BigDecimal("-3"), new BigDecimal("0"), true, false, "b", "c");
    private static final List<String> VALUES_JSON = List.of("\"alabama\"", "\"Florida\"", "\"nevada\"", "\"جده\"",
            "\"2024-10-30\"", "\"2024-10-29\"", "5.5", "5", "-3", "0", "2024", "true", "false", "\"5\"", "\"b\"");
    private static final List<String> BOUNDS_JSON = List.of("\"2024-10-29\"", "\"2024-10-30T05:00:00Z\"", "\"2025-01-01\"",
            "0", "5", "5.5", "2024", "-3", "\"b\"", "\"alabama\"", "\"z\"");
    private static final List<String> MSM = List.of("0", "1", "2", "-1", "\"50%\"", "\"-50%\"");

    @Test
    void luceneSelectsWhatTheFilterMeans() throws IOException {
        Long fixed = Long.getLong("qalam.filterSeed");
        long base = new Random().nextLong();
        int compared = 0;
        for (int i = 0; i < (fixed == null ? CASES : 1); i++) {
            long seed = fixed != null ? fixed : base + i;
            Random r = new Random(seed);
            List<Map<String, Object>> documents = documents(r);
            String json = filter(r, 3);
            MetadataFilter filter;
            try {
                filter = MetadataFilter.parse(json, "filter").orElseThrow();
            } catch (InvalidFilterException e) {
                continue; // e.g. range bounds of different kinds: refused, nothing to compare
            }
            Set<Integer> expected = new TreeSet<>();
            for (int d = 0; d < documents.size(); d++) {
                if (ReferenceFilter.matches(filter, documents.get(d))) {
                    expected.add(d);
                }
            }
            assertEquals(expected, lucene(documents, filter), "seed " + seed + ": " + json + " over " + documents);
            compared++;
        }
        if (fixed == null && compared < CASES / 2) {
            throw new AssertionError("too few valid filters generated: " + compared);
        }
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

    private static <T> T any(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static List<Map<String, Object>> documents(Random r) {
        List<Map<String, Object>> out = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            int properties = r.nextInt(5);
            for (int p = 0; p < properties; p++) {
                Object value;
                if (r.nextInt(4) == 0) {
                    List<Object> list = new ArrayList<>();
                    for (int k = 1 + r.nextInt(3); k > 0; k--) {
                        list.add(any(r, SCALARS));
                    }
                    value = list;
                } else {
                    value = any(r, SCALARS);
                }
                doc.put(any(r, KEYS), value);
            }
            out.add(doc);
        }
        return out;
    }

    private static String filter(Random r, int depth) {
        if (depth == 0 || r.nextInt(5) < 2) {
            String key = "\"" + any(r, KEYS) + "\"";
            switch (r.nextInt(4)) {
                case 0:
                    return "{\"term\":{" + key + ":" + any(r, VALUES_JSON) + "}}";
                case 1: {
                    List<String> values = new ArrayList<>();
                    for (int k = r.nextInt(4); k > 0; k--) {
                        values.add(any(r, VALUES_JSON));
                    }
                    return "{\"terms\":{" + key + ":[" + String.join(",", values) + "]}}";
                }
                case 2: {
                    List<String> parts = new ArrayList<>();
                    if (r.nextBoolean()) {
                        parts.add("\"" + (r.nextBoolean() ? "gt" : "gte") + "\":" + any(r, BOUNDS_JSON));
                    }
                    if (parts.isEmpty() || r.nextBoolean()) {
                        parts.add("\"" + (r.nextBoolean() ? "lt" : "lte") + "\":" + any(r, BOUNDS_JSON));
                    }
                    return "{\"range\":{" + key + ":{" + String.join(",", parts) + "}}}";
                }
                default:
                    return "{\"exists\":{\"field\":" + key + "}}";
            }
        }
        List<String> parts = new ArrayList<>();
        for (String occur : List.of("must", "filter", "should", "must_not")) {
            List<String> clauses = new ArrayList<>();
            for (int k = r.nextInt(occur.equals("should") ? 4 : 3); k > 0; k--) {
                clauses.add(filter(r, depth - 1));
            }
            if (!clauses.isEmpty()) {
                parts.add("\"" + occur + "\":[" + String.join(",", clauses) + "]");
            }
        }
        if (r.nextInt(3) == 0) {
            parts.add("\"minimum_should_match\":" + any(r, MSM));
        }
        return "{\"bool\":{" + String.join(",", parts) + "}}";
    }
}
