package dev.qalam.search;

/**
 * The field names of a chunk in the index, the same in both engines (metadata fields:
 * {@link dev.qalam.search.filter.PropertyFields}).
 */
public final class IndexFields {

    public static final String CHUNK_ID = "chunk_id";
    public static final String OWNER = "owner";
    public static final String COLLECTION_ID = "collection_id";
    public static final String DOCUMENT_ID = "document_id";
    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final String PAGE_START = "page_start";
    public static final String PAGE_END = "page_end";
    public static final String LANGUAGE = "language";
    public static final String EMBEDDING_MODEL = "embedding_model";
    /** The properties as JSON text, stored, not indexed. */
    public static final String METADATA = "metadata";
    /** Lucene only: the keys of the properties a chunk has, for {@code exists}. */
    public static final String METADATA_KEYS = "meta_keys";

    /** HNSW graph parameters, the same in both engines (Lucene's defaults). */
    public static final int HNSW_M = 16;
    public static final int HNSW_BEAM_WIDTH = 100;
    /** Longest vector both engines take (OpenSearch's Lucene engine takes 16,000; Lucene's format is widened). */
    public static final int MAX_DIMENSIONS = 4096;

    private IndexFields() {
    }

    /** One vector field per length: a model change to another length never meets a field of the old one. */
    public static String vector(int dimensions) {
        return "vector_" + dimensions;
    }
}
