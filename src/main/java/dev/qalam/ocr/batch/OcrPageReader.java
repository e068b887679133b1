package dev.qalam.ocr.batch;

import dev.qalam.document.PageExtraction;
import dev.qalam.document.batch.DocumentPagesReader;
import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrJobRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/**
 * Reads this partition's page numbers, from the checkpoint (the last page committed) on, skipping pages
 * already stored. It opens the document once for the partition and hands the extractor to the processor
 * through the step context (each partition has its own).
 */
@Named("ocrPageReader")
@Dependent
public class OcrPageReader extends DocumentPagesReader {

    @Inject
    @BatchProperty
    String token;

    @Inject
    @BatchProperty
    String partition;

    @Inject
    @BatchProperty
    String partitions;

    @Inject
    OcrJobRepository jobs;

    @Inject
    PageExtraction extraction;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        OcrJob job = jobs.require(token);
        List<Integer> pages = remaining(Integer.parseInt(partition) + 1, Integer.parseInt(partitions), job.totalPages(),
                checkpoint, new HashSet<>(jobs.donePageNumbers(token)));
        readPages(pages, OcrJob.class, token, job.sourceKey(), in -> extraction.open(in, job.kind()));
    }
}
