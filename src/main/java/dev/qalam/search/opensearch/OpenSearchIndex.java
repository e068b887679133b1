package dev.qalam.search.opensearch;

import dev.qalam.platform.json.Jsonp;
import dev.qalam.search.HybridSearchIndex;
import dev.qalam.search.IndexFields;
import dev.qalam.search.IndexedChunk;
import dev.qalam.search.MetadataJson;
import dev.qalam.search.SearchIndexException;
import dev.qalam.search.SearchRequest;
import dev.qalam.search.SearchScope;
import dev.qalam.search.StoredChunk;
import dev.qalam.text.TextAnalysis;
import dev.qalam.search.filter.PropertyFields;
import dev.qalam.search.filter.PropertyValues;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.get.GetResult;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The shared index: one OpenSearch index (one shard, so BM25 statistics are those of the whole index, as in
 * the embedded engine) that every server writes and searches. Same analysis (the index settings are built
 * from {@link TextAnalysis}), same fields, same queries clause for clause, same fusion (in
 * {@link HybridSearchIndex}) as {@link dev.qalam.search.lucene.LuceneSearchIndex}; vectors are
 * {@code knn_vector} fields on OpenSearch's Lucene engine (cosine, the same HNSW parameters).
 *
 * <p>Durability and visibility: OpenSearch fsyncs its translog before acknowledging a write (the default
 * {@code index.translog.durability: request}), and writes wait for the refresh that makes them searchable
 * ({@code refresh=wait_for}; deletions by query refresh at once), so a call that returns is durable and
 * seen by every server.
 */
public final class OpenSearchIndex extends HybridSearchIndex {

    private static final Logger LOG = Logger.getLogger(OpenSearchIndex.class.getName());
    private static final List<String> STORED = List.of(IndexFields.CHUNK_ID, IndexFields.OWNER, IndexFields.COLLECTION_ID,
            IndexFields.DOCUMENT_ID, IndexFields.TITLE, IndexFields.TEXT, IndexFields.PAGE_START, IndexFields.PAGE_END,
            IndexFields.LANGUAGE, IndexFields.METADATA);

    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final String index;
    private final boolean createdEmpty;
    private final Set<Integer> vectorFields = ConcurrentHashMap.newKeySet();

    public OpenSearchIndex(OpenSearchSettings settings) {
        HttpHost host;
        try {
            host = HttpHost.create(settings.url());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("OPENSEARCH_URL is not a URL: " + settings.url(), e);
        }
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper());
        if (settings.username().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(settings.username().get(),
                    settings.password().orElse("").toCharArray()));
            builder.setHttpClientConfigCallback(b -> b.setDefaultCredentialsProvider(credentials));
        }
        this.transport = builder.build();
        this.client = new OpenSearchClient(transport);
        this.index = settings.index() + "-v" + TextAnalysis.VERSION;
        try {
            this.createdEmpty = ensureIndex(settings.replicas());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String engine() {
        return "opensearch";
    }

    @Override
    public boolean createdEmpty() {
        return createdEmpty;
    }

    public String indexName() {
        return index;
    }

    /** Creates the index unless it exists; true when this call created it. */
    private boolean ensureIndex(int replicas) {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return false;
            }
            JsonObject body = Jsonp.PROVIDER.createObjectBuilder(indexDefinition(replicas)).build();
            try (Response r = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + index)
                    .json(body).build())) {
                if (r.getStatus() == 200) {
                    LOG.info(() -> "Created the OpenSearch index " + index);
                    return true;
                }
                String answer = r.getBody().map(b -> b.bodyAsString()).orElse("");
                if (r.getStatus() == 400 && answer.contains("resource_already_exists_exception")) {
                    return false; // another server created it first
                }
                throw new SearchIndexException("OpenSearch refused to create the index " + index + ": "
                        + r.getStatus() + " " + answer, null);
            }
        } catch (IOException | OpenSearchException e) {
            throw new SearchIndexException("Cannot reach OpenSearch to prepare the index " + index, e);
        }
    }

    static Map<String, Object> indexDefinition(int replicas) {
        Map<String, Object> indexSettings = new LinkedHashMap<>();
        indexSettings.put("number_of_shards", 1);
        indexSettings.put("number_of_replicas", replicas);
        indexSettings.put("knn", true);
        // Every distinct property key adds up to three fields.
        indexSettings.put("mapping.total_fields.limit", 20000);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String keyword : List.of(IndexFields.CHUNK_ID, IndexFields.OWNER, IndexFields.COLLECTION_ID,
                IndexFields.DOCUMENT_ID, IndexFields.LANGUAGE, IndexFields.EMBEDDING_MODEL)) {
            properties.put(keyword, Map.of("type", "keyword"));
        }
        properties.put(IndexFields.TITLE, Map.of("type", "text", "analyzer", TextAnalysis.ANALYZER));
        properties.put(IndexFields.TEXT, Map.of("type", "text", "analyzer", TextAnalysis.ANALYZER));
        properties.put(IndexFields.PAGE_START, Map.of("type", "integer", "index", false));
        properties.put(IndexFields.PAGE_END, Map.of("type", "integer", "index", false));
        properties.put(IndexFields.METADATA, Map.of("type", "keyword", "index", false, "doc_values", false));
        properties.put("meta", Map.of("type", "object", "dynamic", true));
        List<Object> templates = List.of(
                Map.of("meta_keywords", Map.of("path_match", PropertyFields.PREFIX + "*.kw",
                        "mapping", Map.of("type", "keyword"))),
                Map.of("meta_numbers", Map.of("path_match", PropertyFields.PREFIX + "*.num",
                        "mapping", Map.of("type", "double"))),
                Map.of("meta_dates", Map.of("path_match", PropertyFields.PREFIX + "*.date",
                        "mapping", Map.of("type", "date", "format", "epoch_millis"))));
        Map<String, Object> mappings = new LinkedHashMap<>();
        mappings.put("dynamic", "strict");
        mappings.put("_meta", Map.of("qalam_analysis_version", TextAnalysis.VERSION));
        mappings.put("dynamic_templates", templates);
        mappings.put("properties", properties);
        return Map.of("settings", Map.of("index", indexSettings, "analysis", TextAnalysis.openSearchSettings()),
                "mappings", mappings);
    }

    /** Adds the vector field for this length unless this server already did (the mapping call is idempotent). */
    private void ensureVectorField(int dimensions) throws IOException {
        if (vectorFields.contains(dimensions)) {
            return;
        }
        Map<String, Object> method = Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil",
                "parameters", Map.of("m", IndexFields.HNSW_M, "ef_construction", IndexFields.HNSW_BEAM_WIDTH));
        Map<String, Object> body = Map.of("properties", Map.of(IndexFields.vector(dimensions),
                Map.of("type", "knn_vector", "dimension", dimensions, "method", method)));
        try (Response r = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + index + "/_mapping")
                .json(Jsonp.PROVIDER.createObjectBuilder(body).build()).build())) {
            if (r.getStatus() != 200) {
                throw new SearchIndexException("OpenSearch refused the vector field of " + dimensions + " dimensions: "
                        + r.getStatus() + " " + r.getBody().map(b -> b.bodyAsString()).orElse(""), null);
            }
        }
        vectorFields.add(dimensions);
    }

    @Override
    public void upsert(List<IndexedChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        try {
            List<BulkOperation> ops = new ArrayList<>(chunks.size());
            for (IndexedChunk c : chunks) {
                if (c.embedding() != null) {
                    ensureVectorField(c.embedding().dimensions());
                }
                Map<String, Object> doc = document(c);
                ops.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(c.chunkId()).document(doc))));
            }
            BulkResponse response = client.bulk(b -> b.index(index).operations(ops).refresh(Refresh.WaitFor));
            if (response.errors()) {
                for (BulkResponseItem item : response.items()) {
                    if (item.error() != null) {
                        throw new SearchIndexException("OpenSearch refused chunk " + item.id() + ": "
                                + item.error().type() + " " + item.error().reason(), null);
                    }
                }
            }
        } catch (IOException | OpenSearchException e) {
            throw new SearchIndexException("Cannot write to the OpenSearch index " + index, e);
        }
    }

    static Map<String, Object> document(IndexedChunk c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(IndexFields.CHUNK_ID, c.chunkId());
        d.put(IndexFields.OWNER, c.owner());
        d.put(IndexFields.COLLECTION_ID, c.collectionId());
        d.put(IndexFields.DOCUMENT_ID, c.documentId());
        d.put(IndexFields.LANGUAGE, c.language());
        d.put(IndexFields.TITLE, c.title());
        d.put(IndexFields.TEXT, c.text());
        d.put(IndexFields.PAGE_START, c.pageStart());
        d.put(IndexFields.PAGE_END, c.pageEnd());
        d.put(IndexFields.METADATA, MetadataJson.write(c.metadata()));
        if (c.embedding() != null) {
            d.put(IndexFields.EMBEDDING_MODEL, c.embedding().model());
            d.put(IndexFields.vector(c.embedding().dimensions()), c.embedding().vector());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : c.metadata().entrySet()) {
            List<String> keywords = new ArrayList<>();
            List<Double> numbers = new ArrayList<>();
            List<Long> dates = new ArrayList<>();
            for (PropertyValues.Indexed v : PropertyValues.forms(p.getValue())) {
                keywords.add(v.keyword());
                if (v.number() != null) {
                    numbers.add(v.number());
                }
                if (v.date() != null) {
                    dates.add(v.date());
                }
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("kw", keywords);
            if (!numbers.isEmpty()) {
                fields.put("num", numbers);
            }
            if (!dates.isEmpty()) {
                fields.put("date", dates);
            }
            // The field name's middle part, as PropertyFields encodes it.
            String name = PropertyFields.keyword(p.getKey());
            meta.put(name.substring(PropertyFields.PREFIX.length(), name.length() - ".kw".length()), fields);
        }
        if (!meta.isEmpty()) {
            d.put("meta", meta);
        }
        return d;
    }

    @Override
    public void deleteDocument(String documentId) {
        deleteWhere(OpenSearchQueries.term(IndexFields.DOCUMENT_ID, documentId));
    }

    @Override
    public void deleteCollection(String collectionId) {
        deleteWhere(OpenSearchQueries.term(IndexFields.COLLECTION_ID, collectionId));
    }

    private void deleteWhere(Query query) {
        try {
            client.deleteByQuery(d -> d.index(index).query(query).refresh(true).conflicts(Conflicts.Proceed));
        } catch (IOException | OpenSearchException e) {
            throw new SearchIndexException("Cannot delete from the OpenSearch index " + index, e);
        }
    }

    @Override
    public long count(SearchScope scope) {
        try {
            return client.count(c -> c.index(index).query(OpenSearchQueries.scope(scope))).count();
        } catch (IOException | OpenSearchException e) {
            throw new SearchIndexException("Cannot search the OpenSearch index " + index, e);
        }
    }

    @Override
    protected Retrieval retrieve(SearchRequest request, int depth) {
        Query scope = OpenSearchQueries.scope(request.scope());
        try {
            List<Candidate> lexical = List.of();
            if (!TextAnalysis.terms(request.text()).isEmpty()) {
                String text = request.text();
                Query words = Query.of(q -> q.bool(b -> b
                        .should(s -> s.match(m -> m.field(IndexFields.TEXT).query(FieldValue.of(text))))
                        .should(s -> s.match(m -> m.field(IndexFields.TITLE).query(FieldValue.of(text)).boost(TITLE_BOOST)))));
                Query q = Query.of(x -> x.bool(b -> b.must(words).filter(scope)));
                lexical = candidates(client.search(s -> s.index(index).query(q).size(depth).source(src -> src.fetch(false))
                        .trackTotalHits(t -> t.enabled(false)), Void.class));
            }
            List<Candidate> semantic = List.of();
            if (request.vector().isPresent()) {
                var v = request.vector().get();
                if (fieldExists(v.dimensions())) {
                    Query filter = Query.of(x -> x.bool(b -> b.filter(scope)
                            .filter(OpenSearchQueries.term(IndexFields.EMBEDDING_MODEL, v.model()))));
                    Query knn = Query.of(x -> x.knn(k -> k.field(IndexFields.vector(v.dimensions())).vector(v.vector())
                            .k(depth).filter(filter)));
                    semantic = candidates(client.search(s -> s.index(index).query(knn).size(depth)
                            .source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false)), Void.class));
                }
            }
            return new OpenSearchRetrieval(lexical, semantic);
        } catch (IOException | OpenSearchException e) {
            throw new SearchIndexException("Cannot search the OpenSearch index " + index, e);
        }
    }

    /** Whether any server created the vector field of this length (a kNN query on a missing field fails). */
    private boolean fieldExists(int dimensions) throws IOException {
        if (vectorFields.contains(dimensions)) {
            return true;
        }
        String field = IndexFields.vector(dimensions);
        try (Response r = client.generic().execute(Requests.builder().method("GET")
                .endpoint("/" + index + "/_mapping/field/" + field).build())) {
            boolean exists = r.getStatus() == 200
                    && r.getBody().map(b -> b.bodyAsString()).orElse("").contains("\"" + field + "\"");
            if (exists) {
                vectorFields.add(dimensions);
            }
            return exists;
        }
    }

    private static List<Candidate> candidates(SearchResponse<Void> response) {
        List<Candidate> out = new ArrayList<>();
        for (Hit<Void> hit : response.hits().hits()) {
            out.add(new Candidate(hit.id(), hit.score() == null ? 0 : hit.score()));
        }
        return out;
    }

    private final class OpenSearchRetrieval extends Retrieval {
        OpenSearchRetrieval(List<Candidate> lexical, List<Candidate> semantic) {
            super(lexical, semantic);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Map<String, StoredChunk> load(Collection<String> chunkIds) {
            Map<String, StoredChunk> out = new HashMap<>();
            if (chunkIds.isEmpty()) {
                return out;
            }
            try {
                MgetResponse<Map> response = client.mget(m -> m.index(index).ids(List.copyOf(chunkIds))
                        .sourceIncludes(STORED), Map.class);
                for (var doc : response.docs()) {
                    if (doc.isResult()) {
                        GetResult<Map> got = doc.result();
                        if (got.found() && got.source() != null) {
                            out.put(got.id(), stored(got.source()));
                        }
                    }
                }
            } catch (IOException | OpenSearchException e) {
                throw new SearchIndexException("Cannot read the OpenSearch index " + index, e);
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private static StoredChunk stored(Map<String, Object> s) {
        return new StoredChunk((String) s.get(IndexFields.CHUNK_ID), (String) s.get(IndexFields.OWNER),
                (String) s.get(IndexFields.COLLECTION_ID), (String) s.get(IndexFields.DOCUMENT_ID),
                (String) s.get(IndexFields.TITLE), (String) s.get(IndexFields.TEXT),
                ((Number) s.get(IndexFields.PAGE_START)).intValue(), ((Number) s.get(IndexFields.PAGE_END)).intValue(),
                (String) s.get(IndexFields.LANGUAGE), MetadataJson.read((String) s.get(IndexFields.METADATA)));
    }

    /** A raw JSON body of an OpenSearch answer, for tests and diagnostics ({@code _analyze}, mappings). */
    public String call(String method, String endpoint, JsonObject body) {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.json(body);
        }
        try (Response r = client.generic().execute(request.build())) {
            return r.getBody().map(b -> b.bodyAsString()).orElse("");
        } catch (IOException e) {
            throw new SearchIndexException("Cannot reach OpenSearch", e);
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.fine(() -> "Closing the OpenSearch client: " + e);
        }
    }
}
