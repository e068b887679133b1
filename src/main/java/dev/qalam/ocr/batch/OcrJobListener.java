package dev.qalam.ocr.batch;

import dev.qalam.ocr.OcrConfig;
import dev.qalam.ocr.OcrJob;
import dev.qalam.ocr.OcrJobRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/** Moves the API's job to {@code processing} when the batch job starts and to {@code done}/{@code error} when it ends. */
@Named("ocrJobListener")
@Dependent
public class OcrJobListener implements JobListener {

    @Inject
    JobContext context;

    @Inject
    @BatchProperty
    String token;

    @Inject
    OcrJobRepository jobs;

    @Inject
    OcrConfig config;

    @Override
    public void beforeJob() {
        jobs.markProcessing(token, context.getExecutionId());
    }

    @Override
    public void afterJob() {
                BatchStatus status = context.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            jobs.requeue(token);
            return;
        }
        int retries = jobs.find(token).map(OcrJob::retryCount).orElse(0);
        jobs.finish(token, Instant.now().plus(config.backoff(retries)));
    }
}
