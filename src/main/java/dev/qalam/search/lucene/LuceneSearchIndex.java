package dev.qalam.search.lucene;

import dev.qalam.search.Fusion;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The embedded index: Apache Lucene in a folder of the data directory, BM25 over title and text with the
 * analysis of {@link TextAnalysis}, HNSW vectors (cosine), the file properties as keywords, points and
 * stored JSON.
 *
 * <p>Durability: every write is committed (fsync) before the call returns, so a crash loses nothing that
 * was acknowledged. Concurrent writers share commits: a writer whose change a commit already covers
 * (Lucene's sequence numbers say) does not commit again. Searches see a write as soon as it returns: the
 * near-real-time reader is refreshed after each write. An index that is missing or cannot be opened
 * (disk damage, a deleted folder) is replaced by an empty one, the broken folder kept beside it, and
 * {@link #createdEmpty()} tells the ingestion side to rebuild it from the database, which keeps every
 * chunk and vector.
 *
 * <p>One server per folder: a second process opening the same folder fails on Lucene's write lock (use
 * OpenSearch for several servers).
 */
public final class LuceneSearchIndex extends HybridSearchIndex {

    private static final Logger LOG = Logger.getLogger(LuceneSearchIndex.class.getName());

    /** Longest vector accepted: upstream models give 1536 or 3072 dimensions, Lucene's default cap is 1024. */
    public static final int MAX_DIMENSIONS = IndexFields.MAX_DIMENSIONS;

    private static final KnnVectorsFormat WIDE_HNSW = new WideHnswFormat();

    /**
     * Lucene's HNSW format with a higher cap on dimensions. The cap is only checked when writing; the format
     * keeps Lucene's name, so segments are read back by Lucene's own format, found by that name.
     */
    private static final class WideHnswFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat(IndexFields.HNSW_M, IndexFields.HNSW_BEAM_WIDTH);

        WideHnswFormat() {
            super("Lucene99HnswVectorsFormat");
        }

        @Override
        public org.apache.lucene.codecs.KnnVectorsWriter fieldsWriter(org.apache.lucene.index.SegmentWriteState state)
                throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public org.apache.lucene.codecs.KnnVectorsReader fieldsReader(org.apache.lucene.index.SegmentReadState state)
                throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    }

    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean createdEmpty;
    private final Object commitLock = new Object();
    private long committed = -1;

    /**
     * Opens the index in {@code parent/lucene-v<analysis version>}, creating it when missing and replacing
     * it when it cannot be read.
     */
    public static LuceneSearchIndex open(Path parent) {
        return open(parent, new Fusion());
    }

    /** As {@link #open(Path)} with other fusion settings (for bench/retrieval). */
    public static LuceneSearchIndex open(Path parent, Fusion fusion) {
        Path folder = parent.resolve("lucene-v" + TextAnalysis.VERSION);
        try {
            Files.createDirectories(folder);
            return new LuceneSearchIndex(folder, fusion);
        } catch (LockObtainFailedException e) {
            throw new SearchIndexException("The search index " + folder + " is in use by another process: "
                    + "several servers need QALAM_SEARCH=opensearch", e);
        } catch (IOException | RuntimeException e) {
            Path aside = folder.resolveSibling(folder.getFileName() + ".broken-" + Instant.now().toEpochMilli());
            LOG.log(Level.SEVERE, "The search index " + folder + " cannot be opened; moving it to " + aside
                    + " and starting an empty one, to be rebuilt from the database", e);
            try {
                Files.move(folder, aside);
                Files.createDirectories(folder);
                return new LuceneSearchIndex(folder, fusion);
            } catch (IOException again) {
                throw new SearchIndexException("Cannot open or recreate the search index " + folder, again);
            }
        }
    }

    private LuceneSearchIndex(Path folder, Fusion fusion) throws IOException {
        super(fusion);
        this.folder = folder;
        this.directory = FSDirectory.open(folder);
        boolean exists = DirectoryReader.indexExists(directory);
        IndexWriterConfig config = new IndexWriterConfig(TextAnalysis.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Fewer, larger segments: a kNN search walks one HNSW graph per segment, so segment count is
                // what vector latency grows with (bench/retrieval/README.md).
                .setRAMBufferSizeMB(64)
                .setMergePolicy(mergePolicy())
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return WIDE_HNSW;
                    }
                });
        IndexWriter w;
        try {
            w = new IndexWriter(directory, config);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        this.writer = w;
        if (exists) {
            // Reading every segment's header now, not at the first query, finds a damaged index at start.
            try (DirectoryReader check = DirectoryReader.open(directory)) {
                LOG.info(() -> "Search index " + folder + ": " + check.numDocs() + " chunks");
            } catch (IOException | RuntimeException e) {
                w.rollback();
                directory.close();
                throw e;
            }
        } else {
            w.commit();
            LOG.info(() -> "Search index " + folder + " created empty");
        }
        this.searchers = new SearcherManager(w, null);
        this.createdEmpty = !exists;
    }

    private static org.apache.lucene.index.TieredMergePolicy mergePolicy() {
        org.apache.lucene.index.TieredMergePolicy policy = new org.apache.lucene.index.TieredMergePolicy();
        policy.setSegmentsPerTier(5);
        return policy;
    }

    @Override
    public String engine() {
        return "lucene";
    }

    @Override
    public boolean createdEmpty() {
        return createdEmpty;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void upsert(List<IndexedChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        try {
            long seq = -1;
            for (IndexedChunk chunk : chunks) {
                seq = writer.updateDocument(new Term(IndexFields.CHUNK_ID, chunk.chunkId()), document(chunk));
            }
            durableAndVisible(seq);
        } catch (IOException e) {
            throw new SearchIndexException("Cannot write to the search index", e);
        }
    }

    @Override
    public void deleteDocument(String documentId) {
        delete(new Term(IndexFields.DOCUMENT_ID, documentId));
    }

    @Override
    public void deleteCollection(String collectionId) {
        delete(new Term(IndexFields.COLLECTION_ID, collectionId));
    }

    private void delete(Term term) {
        try {
            durableAndVisible(writer.deleteDocuments(term));
        } catch (IOException e) {
            throw new SearchIndexException("Cannot write to the search index", e);
        }
    }

    /** Commits unless a commit already covered operation {@code seq}, then refreshes the reader. */
    private void durableAndVisible(long seq) throws IOException {
        synchronized (commitLock) {
            if (committed < seq) {
                long upTo = writer.commit();
                // -1: nothing was pending, so an earlier commit already holds this operation.
                committed = Math.max(committed, upTo < 0 ? seq : upTo);
            }
        }
        searchers.maybeRefreshBlocking();
    }

    @Override
    public long count(SearchScope scope) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(LuceneQueries.scope(scope));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new SearchIndexException("Cannot read the search index", e);
        }
    }

    @Override
    protected Retrieval retrieve(SearchRequest request, int depth) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new SearchIndexException("Cannot read the search index", e);
        }
        try {
            Query scope = LuceneQueries.scope(request.scope());
            Map<String, Integer> docs = new HashMap<>();
            List<Candidate> lexical = List.of();
            Query words = lexicalQuery(request.text());
            if (words != null) {
                Query q = new BooleanQuery.Builder().add(words, Occur.MUST).add(scope, Occur.FILTER).build();
                lexical = candidates(searcher, searcher.search(q, depth), docs);
            }
            List<Candidate> semantic = List.of();
            if (request.vector().isPresent()) {
                var v = request.vector().get();
                Query filter = new BooleanQuery.Builder().add(scope, Occur.FILTER)
                        .add(new TermQuery(new Term(IndexFields.EMBEDDING_MODEL, v.model())), Occur.FILTER).build();
                Query knn = new KnnFloatVectorQuery(IndexFields.vector(v.dimensions()), v.vector(), depth, filter);
                semantic = candidates(searcher, searcher.search(knn, depth), docs);
            }
            return new LuceneRetrieval(searcher, lexical, semantic, docs);
        } catch (IOException | RuntimeException e) {
            release(searcher);
            if (e instanceof RuntimeException r && !(e instanceof UncheckedIOException)) {
                throw r;
            }
            throw new SearchIndexException("Cannot search the index", e);
        }
    }

    /**
     * Text and title (boost {@value #TITLE_BOOST}) each as a disjunction of the query's terms, as
     * OpenSearch builds a {@code match} query: the same Lucene QueryBuilder, the same analyzer.
     */
    static Query lexicalQuery(String text) {
        QueryBuilder builder = new QueryBuilder(TextAnalysis.analyzer());
        Query inText = builder.createBooleanQuery(IndexFields.TEXT, text, Occur.SHOULD);
        if (inText == null) {
            return null;
        }
        Query inTitle = builder.createBooleanQuery(IndexFields.TITLE, text, Occur.SHOULD);
        return new BooleanQuery.Builder().add(inText, Occur.SHOULD)
                .add(new BoostQuery(inTitle, TITLE_BOOST), Occur.SHOULD).build();
    }

    private static List<Candidate> candidates(IndexSearcher searcher, TopDocs top, Map<String, Integer> docs)
            throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Candidate> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            SortedDocValues ids = leaf.reader().getSortedDocValues(IndexFields.CHUNK_ID);
            if (ids == null || !ids.advanceExact(sd.doc - leaf.docBase)) {
                continue;
            }
            String id = ids.lookupOrd(ids.ordValue()).utf8ToString();
            docs.put(id, sd.doc);
            out.add(new Candidate(id, sd.score));
        }
        return out;
    }

    private final class LuceneRetrieval extends Retrieval {
        private final IndexSearcher searcher;
        private final Map<String, Integer> docs;

        LuceneRetrieval(IndexSearcher searcher, List<Candidate> lexical, List<Candidate> semantic, Map<String, Integer> docs) {
            super(lexical, semantic);
            this.searcher = searcher;
            this.docs = docs;
        }

        @Override
        public Map<String, StoredChunk> load(Collection<String> chunkIds) {
            Map<String, StoredChunk> out = new HashMap<>();
            try {
                StoredFields stored = searcher.storedFields();
                for (String id : chunkIds) {
                    Integer doc = docs.get(id);
                    if (doc != null) {
                        out.put(id, stored(stored.document(doc)));
                    }
                }
            } catch (IOException e) {
                throw new SearchIndexException("Cannot read the search index", e);
            }
            return out;
        }

        @Override
        public void close() {
            release(searcher);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot release a search index reader", e);
        }
    }

    private static StoredChunk stored(Document d) {
        return new StoredChunk(d.get(IndexFields.CHUNK_ID), d.get(IndexFields.OWNER), d.get(IndexFields.COLLECTION_ID),
                d.get(IndexFields.DOCUMENT_ID), d.get(IndexFields.TITLE), d.get(IndexFields.TEXT),
                d.getField(IndexFields.PAGE_START).numericValue().intValue(),
                d.getField(IndexFields.PAGE_END).numericValue().intValue(), d.get(IndexFields.LANGUAGE),
                MetadataJson.read(d.get(IndexFields.METADATA)));
    }

    static Document document(IndexedChunk c) {
        Document d = new Document();
        d.add(new StringField(IndexFields.CHUNK_ID, c.chunkId(), Field.Store.YES));
        d.add(new SortedDocValuesField(IndexFields.CHUNK_ID, new BytesRef(c.chunkId())));
        d.add(new StringField(IndexFields.OWNER, c.owner(), Field.Store.YES));
        d.add(new StringField(IndexFields.COLLECTION_ID, c.collectionId(), Field.Store.YES));
        d.add(new StringField(IndexFields.DOCUMENT_ID, c.documentId(), Field.Store.YES));
        d.add(new StringField(IndexFields.LANGUAGE, c.language(), Field.Store.YES));
        d.add(new TextField(IndexFields.TITLE, c.title(), Field.Store.YES));
        d.add(new TextField(IndexFields.TEXT, c.text(), Field.Store.YES));
        d.add(new StoredField(IndexFields.PAGE_START, c.pageStart()));
        d.add(new StoredField(IndexFields.PAGE_END, c.pageEnd()));
        d.add(new StoredField(IndexFields.METADATA, MetadataJson.write(c.metadata())));
        if (c.embedding() != null) {
            d.add(new StringField(IndexFields.EMBEDDING_MODEL, c.embedding().model(), Field.Store.NO));
            d.add(new KnnFloatVectorField(IndexFields.vector(c.embedding().dimensions()), c.embedding().vector(),
                    VectorSimilarityFunction.COSINE));
        }
        for (Map.Entry<String, Object> p : c.metadata().entrySet()) {
            String key = p.getKey();
            d.add(new StringField(IndexFields.METADATA_KEYS, key, Field.Store.NO));
            for (PropertyValues.Indexed v : PropertyValues.forms(p.getValue())) {
                d.add(new StringField(PropertyFields.keyword(key), v.keyword(), Field.Store.NO));
                if (v.number() != null) {
                    d.add(new DoublePoint(PropertyFields.number(key), v.number()));
                }
                if (v.date() != null) {
                    d.add(new LongPoint(PropertyFields.date(key), v.date()));
                }
            }
        }
        return d;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Closing the search index " + folder, e);
        }
    }
}
