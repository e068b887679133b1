package dev.qalam.retrieval.batch;

import dev.qalam.document.PageExtraction;
import dev.qalam.document.batch.DocumentPagesReader;
import dev.qalam.retrieval.RetrievalDocument;
import dev.qalam.retrieval.RetrievalRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The page numbers of the document still to extract, after the checkpoint and without those already stored.
 * Pre-extracted (JSON) documents have every page stored at upload: nothing to read. The document is opened
 * once (without page images: retrieval needs text only) and the extractor handed to the processor through the
 * step context.
 */
@Named("ingestPageReader")
@Dependent
public class IngestPageReader extends DocumentPagesReader {

    @Inject
    @BatchProperty
    String docId;

    @Inject
    RetrievalRepository repository;

    @Inject
    PageExtraction extraction;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        RetrievalDocument doc = repository.require(docId);
        if (doc.kind() == null) {
            return;
        }
        List<Integer> pages = remaining(1, 1, doc.totalPages(), checkpoint, repository.donePageNumbers(docId));
        readPages(pages, RetrievalDocument.class, docId, doc.sourceKey(),
                in -> extraction.open(in, doc.kind(), extraction.settings().withoutImages()));
    }
}
