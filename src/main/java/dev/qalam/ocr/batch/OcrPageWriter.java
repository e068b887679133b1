package dev.qalam.ocr.batch;

import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrJobRepository;
import dev.qalam.ocr.OcrPage;
import dev.qalam.platform.auth.BudgetExhaustedException;
import dev.qalam.platform.jobs.TrackedJobs;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Stores the chunk's pages and charges them, in the chunk's transaction (with its checkpoint). */
@Named("ocrPageWriter")
@Dependent
public class OcrPageWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String token;

    @Inject
    OcrJobRepository jobs;

    @Inject
    TrackedJobs trackedJobs;

    @Override
    public void writeItems(List<Object> items) {
        OcrJob job = jobs.require(token);
        try {
            jobs.savePages(job, items.stream().map(OcrPage.class::cast).toList());
        } catch (BudgetExhaustedException e) {
            // The page balance ran out: the pages are not stored and nothing is charged for them.
            trackedJobs.recordFailure(OcrJob.class, token, e.code(), e.getMessage() + " Top up the balance, then retry the job.", false);
            throw e;
        }
    }
}
