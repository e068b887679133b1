package dev.qalam.retrieval;

import dev.qalam.search.IndexedChunk;
import dev.qalam.text.Chunk;
import java.util.Map;

/** How a chunk is embedded and indexed, the same at ingestion and at an index rebuild. */
public final class RetrievalChunks {

    private RetrievalChunks() {
    }

    /** What the model embeds: the title gives the passage its context. */
    public static String embeddingText(Chunk c) {
        return c.title().isBlank() ? c.text() : c.title() + "\n" + c.text();
    }

    /** A stored chunk as the index takes it. */
    public static IndexedChunk indexed(RetrievalChunk row, String owner, Map<String, Object> metadata, Embedder embedder) {
        float[] v = row.vector();
        return new IndexedChunk(row.id(), owner, row.collectionId(), row.documentId(), row.title(), row.text(),
                row.pageStart(), row.pageEnd(), row.language(),
                v == null ? null : embedder.toEmbedding(row.embeddingModel(), v), metadata);
    }
}
