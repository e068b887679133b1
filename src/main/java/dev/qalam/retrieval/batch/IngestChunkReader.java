package dev.qalam.retrieval.batch;

import dev.qalam.document.InvalidDocumentException;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.retrieval.RetrievalConfig;
import dev.qalam.retrieval.RetrievalDocument;
import dev.qalam.retrieval.RetrievalPages;
import dev.qalam.retrieval.RetrievalRepository;
import dev.qalam.text.Chunk;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The document's chunks still to store: its stored pages cut by the {@code text} chunker (headings and slide
 * titles become chunk titles, pages stay true), after the checkpoint and without those already stored. A
 * document whose pages hold no text at all fails here: there is nothing to search.
 */
@Named("ingestChunkReader")
@Dependent
public class IngestChunkReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String docId;

    @Inject
    RetrievalRepository repository;

    @Inject
    RetrievalConfig config;

    @Inject
    TrackedJobs trackedJobs;

    private List<Chunk> chunks = List.of();
    private int next;
    private Integer lastRead;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        RetrievalDocument doc = repository.require(docId);
        List<Chunk> all = RetrievalPages.chunk(repository.pages(docId), doc.title(), config.chunking());
        if (all.isEmpty()) {
            trackedJobs.recordFailure(RetrievalDocument.class, docId, "empty_content",
                    "No text was found in the document: there is nothing to search.", false);
            throw new InvalidDocumentException("empty_content", "No text was found in the document.");
        }
        repository.setChunkCount(docId, all.size());
        Set<Integer> done = repository.doneChunkOrdinals(docId);
        int after = checkpoint instanceof Integer c ? c : -1;
        chunks = new ArrayList<>();
        for (Chunk c : all) {
            if (c.index() > after && !done.contains(c.index())) {
                chunks.add(c);
            }
        }
    }

    @Override
    public Object readItem() {
        if (next >= chunks.size()) {
            return null;
        }
        Chunk c = chunks.get(next++);
        lastRead = c.index();
        return c;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
