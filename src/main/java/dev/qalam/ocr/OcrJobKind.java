package dev.qalam.ocr;

import dev.qalam.platform.jobs.JobEvent;
import dev.qalam.platform.jobs.JobKind;
import dev.qalam.platform.jobs.RetryPolicy;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/** OCR as a tracked job kind: the {@code ocr-document} batch job over {@link OcrJob} rows. */
@ApplicationScoped
public class OcrJobKind implements JobKind<OcrJob> {

    public static final String JOB_XML = "ocr-document";

    @Inject
    OcrConfig config;

    @Inject
    OcrJobRepository repository;

    @Inject
    BlobStore blobs;

    @Override
    public String jobXml() {
        return JOB_XML;
    }

    @Override
    public Class<OcrJob> entity() {
        return OcrJob.class;
    }

    @Override
    public RetryPolicy retries() {
        return config.retries();
    }

    @Override
    public boolean inputKept(OcrJob job) throws IOException {
        return blobs.exists(job.sourceKey());
    }

    @Override
    public boolean complete(OcrJob job) {
        return repository.pagesDone(job.id()) >= job.totalPages();
    }

    @Override
    public String incompleteMessage(OcrJob job) {
        return "Processing stopped after " + repository.pagesDone(job.id()) + " of " + job.totalPages() + " pages.";
    }

    @Override
    public JobEvent event(OcrJob job) {
        if (job.expired()) {
            return JobEvent.last(job.id(), "expired", new OcrProgress(job.id(), "expired", 0, job.totalPages(), 0, null,
                    OcrJobService.expiredMessage(job)));
        }
        int done = repository.pagesDone(job.id());
        OcrProgress data = new OcrProgress(job.id(), job.status().wire(), OcrJobService.progress(job, done), job.totalPages(),
                done, null, job.status() == JobStatus.ERROR ? job.error() : null);
        return job.status().terminal() ? JobEvent.last(job.id(), job.status().wire(), data) : JobEvent.progress(job.id(), data, done);
    }

    /** The source, page images, thumbnails and page rows. */
    @Override
    public void purge(OcrJob job) throws IOException {
        blobs.deletePrefix(OcrJob.blobPrefix(job.id()));
        repository.deletePages(job.id());
    }
}
