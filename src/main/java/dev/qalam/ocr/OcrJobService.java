package dev.qalam.ocr;

import dev.qalam.document.DocumentIntake;
import dev.qalam.document.DocumentKind;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.document.OcrEngineException;
import dev.qalam.document.PageExtraction;
import dev.qalam.ocr.OcrWire.ImageList;
import dev.qalam.ocr.OcrWire.Link;
import dev.qalam.ocr.OcrWire.OcrJobStatus;
import dev.qalam.ocr.OcrWire.OcrPageDetail;
import dev.qalam.ocr.OcrWire.OcrPageResult;
import dev.qalam.ocr.OcrWire.OcrRetry;
import dev.qalam.ocr.OcrWire.OcrUpload;
import dev.qalam.ocr.OcrWire.PageImage;
import dev.qalam.ocr.OcrWire.ThumbnailList;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.jobs.JobEvent;
import dev.qalam.platform.jobs.JobLauncher;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.platform.persistence.Ids;
import dev.qalam.platform.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The OCR use cases behind {@link OcrResource}. */
@ApplicationScoped
public class OcrJobService {

    private static final Logger LOG = Logger.getLogger(OcrJobService.class.getName());

    @Inject
    OcrConfig config;

    @Inject
    OcrJobRepository jobs;

    @Inject
    TrackedJobs trackedJobs;

    @Inject
    OcrJobKind kind;

    @Inject
    JobLauncher launcher;

    @Inject
    BlobStore blobs;

    @Inject
    Budgets budgets;

    @Inject
    PageExtraction extraction;

    @Inject
    DocumentIntake intake;

    /** What the OCR API reads: PDFs and page images (office and text files have no pages to OCR). */
    static final Set<DocumentKind> OCR_KINDS = Collections.unmodifiableSet(
            EnumSet.of(DocumentKind.PDF, DocumentKind.PNG, DocumentKind.JPEG, DocumentKind.TIFF));

    /**
     * Checks the upload (type by magic bytes, readable, decodable within the document limits, page limit, page
     * balance), stores it and queues it.
     * Whatever fails, nothing of the upload is left behind.
     *
     * @param expiresIn an optional shorter lifetime in seconds (a client that wants its document gone sooner)
     */
    public OcrUpload upload(QalamPrincipal caller, String filename, InputStream content, Long expiresIn) {
        Duration lifetime = config.lifetime();
        if (expiresIn != null) {
            if (expiresIn < 1 || expiresIn > lifetime.toSeconds()) {
                throw ApiException.badRequest("invalid_expires_in",
                        "expires_in must be between 1 and " + lifetime.toSeconds() + " seconds.");
            }
            lifetime = Duration.ofSeconds(expiresIn);
        }
        String token = Ids.hex(16);
        String prefix = OcrJob.blobPrefix(token);
        boolean kept = false;
        try {
            DocumentIntake.StoredDocument doc;
            try {
                doc = intake.store(prefix + "source", content, filename,
                        new DocumentIntake.Rules(OCR_KINDS, config.maxUploadBytes(), config.maxPages()));
            } catch (DocumentIntake.UploadTooLargeException e) {
                throw ApiException.payloadTooLarge("The file is larger than " + config.maxUploadMb() + " MB.");
            } catch (InvalidDocumentException e) {
                throw ApiException.badRequest(e.code(), e.getMessage());
            }
            int pages = doc.pages();
            if (pages > config.maxPages()) {
                throw ApiException.badRequest("too_many_pages",
                        "The document has more than " + config.maxPages() + " pages; at most " + config.maxPages() + " are accepted.");
            }
            Long balance = budgets.ocrPagesLeft(caller.keyId());
            if (balance != null && balance < pages) {
                throw ApiException.paymentRequired("insufficient_ocr_balance",
                        "Insufficient OCR page balance: the document has " + pages + " pages, the balance is " + balance + ".");
            }
            Instant now = Instant.now();
            OcrJob job = new OcrJob(token, caller.owner(), caller.keyId(), safeName(filename, doc.kind()), doc.kind(),
                    doc.key(), doc.bytes(), pages, Math.min(pages, extraction.parallelism()), now, now.plus(lifetime));
            trackedJobs.create(job);
            kept = true;
            long position = Math.max(1, jobs.queuePosition(now));
            try {
                launcher.start(OcrJobKind.JOB_XML, token);
            } catch (RuntimeException e) {
                // The job is stored and queued; the worker starts it on its next round.
                LOG.log(Level.WARNING, "OCR job " + token + " could not be started now; the worker will", e);
            }
            return new OcrUpload(token, JobStatus.QUEUED.wire(), 0, 100, position);
        } finally {
            if (!kept) {
                deleteQuietly(prefix);
            }
        }
    }

    static String safeName(String filename, DocumentKind kind) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (name.isEmpty()) {
            name = "document." + kind.extension();
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** The caller's job, 404 for anyone else's or an unknown token, 410 once expired. */
    OcrJob live(String owner, String token) {
        OcrJob job = jobs.requireOwned(token, owner);
        if (job.expired()) {
            throw ApiException.gone("job_expired", expiredMessage(job));
        }
        return job;
    }

    static String expiredMessage(OcrJob job) {
        return "This OCR job has expired; its results were deleted on " + job.expiresAt() + ".";
    }

    public OcrJobStatus status(String owner, String token) {
        OcrJob job = live(owner, token);
        List<OcrPage> pages = jobs.pages(token);
        boolean failed = job.status() == JobStatus.ERROR;
        return new OcrJobStatus(job.filename(), job.status().wire(), progress(job, pages.size()), job.totalPages(),
                pages.stream().map(p -> new OcrPageResult(p.pageNum(), p.text(), p.numSegments(), p.elapsed(), p.blocks())).toList(),
                job.expiresAt(), failed ? job.error() : null, failed ? job.retryCount() : null,
                failed ? job.retryable() && config.retries().allowsAnother(job.retryCount()) : null);
    }

    static int progress(OcrJob job, int pagesDone) {
        return job.status() == JobStatus.DONE ? 100 : OcrProgress.percent(pagesDone, job.totalPages());
    }

    /**
     * The state of the caller's job as a progress event, for a client that follows it: 404 for an unknown or
     * another owner's token, 410 once expired (nothing to follow).
     */
    public JobEvent snapshot(String owner, String token) {
        return kind.event(live(owner, token));
    }

    /** The same for a stream already open: an expired job gives its last event ({@code expired}), which ends the stream. */
    public JobEvent progress(String owner, String token) {
        return kind.event(jobs.requireOwned(token, owner));
    }

    /** The retry table of docs/api-contract.md, in its order: 404, 409, 422, 429, 502, else 200 {@code pending}. */
    public OcrRetry retry(String owner, String token) {
        OcrJob job = jobs.requireOwned(token, owner);
        if (job.expired()) {
            throw ApiException.unprocessable("no_retryable_copy",
                    "This job has expired and its file was deleted; upload the document again.");
        }
        if (job.status() == JobStatus.DONE) {
            throw ApiException.conflict("job_done", "This job is already done.");
        }
        if (job.status() != JobStatus.ERROR) {
            throw ApiException.conflict("job_in_progress", "This job is still " + job.status().wire() + ".");
        }
        if (!sourceExists(job)) {
            throw ApiException.unprocessable("no_retryable_copy",
                    "No copy of the uploaded file is kept for this job; upload the document again.");
        }
        if (!config.retries().allowsAnother(job.retryCount())) {
            throw ApiException.tooManyRequests("retry_limit_reached",
                    "This job was retried " + job.retryCount() + " times, the maximum; upload the document again.", null);
        }
        try {
            extraction.probe();
        } catch (OcrEngineException e) {
            throw ApiException.badGateway("ocr_engine_unavailable",
                    "The OCR engine is not available right now; the retry is safe to repeat later.", e);
        }
        OcrJob claimed = trackedJobs.claimRetry(kind, token)
                .orElseThrow(() -> ApiException.conflict("job_in_progress", "This job is being retried already."));
        try {
            launcher.resume(OcrJobKind.JOB_XML, claimed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OCR job " + token + " could not be restarted now; the worker will", e);
        }
        return new OcrRetry(token, "pending", claimed.retryCount());
    }

    private boolean sourceExists(OcrJob job) {
        try {
            return blobs.exists(job.sourceKey());
        } catch (IOException e) {
            return false;
        }
    }

    public OcrPageDetail page(String owner, String token, int pageNum, URI baseUri) {
        if (pageNum < 1) {
            throw ApiException.badRequest("invalid_page_num", "page_num must be >= 1.");
        }
        OcrJob job = live(owner, token);
        if (pageNum > job.totalPages()) {
            throw ApiException.notFound("Page " + pageNum + " not found: the document has " + job.totalPages() + " page(s).");
        }
        Optional<OcrPage> page = jobs.page(token, pageNum);
        if (page.isEmpty()) {
            return new OcrPageDetail(pageNum, "", null, null, job.status().wire(), null, null, null);
        }
        OcrPage p = page.get();
        return new OcrPageDetail(pageNum, p.text(), link(p.thumbnailKey(), baseUri), link(p.imageKey(), baseUri),
                JobStatus.DONE.wire(), p.numSegments(), p.elapsed(), p.blocks());
    }

    private Link link(String key, URI baseUri) {
        return key == null ? null : new Link(blobs.url(key, config.urlTtl(), baseUri).toString());
    }

    public ThumbnailList thumbnails(String owner, String token, Integer start, Integer limit, URI baseUri) {
        OcrJob job = live(owner, token);
        PageWindow w = PageWindow.of(start, limit, job.totalPages());
        return new ThumbnailList(images(token, w, OcrPage::thumbnailKey, baseUri), w.start(), w.end(), w.totalPages(), w.hasMore());
    }

    public ImageList images(String owner, String token, Integer start, Integer limit, URI baseUri) {
        OcrJob job = live(owner, token);
        PageWindow w = PageWindow.of(start, limit, job.totalPages());
        return new ImageList(images(token, w, OcrPage::imageKey, baseUri), w.start(), w.end(), w.totalPages(), w.hasMore());
    }

    /** URLs from an object store; otherwise the API's base64 fallback, inline data URIs (docs/api-contract.md). */
    private List<PageImage> images(String token, PageWindow w, Function<OcrPage, String> key, URI baseUri) {
        List<PageImage> out = new ArrayList<>();
        if (w.end() <= w.start()) {
            return out;
        }
        for (OcrPage p : jobs.pages(token, w.firstPage(), w.lastPage())) {
            String k = key.apply(p);
            if (k == null) {
                continue;
            }
            if (blobs.isObjectStore()) {
                out.add(new PageImage(p.pageNum(), blobs.url(k, config.urlTtl(), baseUri).toString(), null));
            } else {
                try {
                    Optional<byte[]> bytes = blobs.read(k);
                    bytes.ifPresent(b -> out.add(new PageImage(p.pageNum(), null,
                            "data:image/png;base64," + Base64.getEncoder().encodeToString(b))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private void deleteQuietly(String prefix) {
        try {
            blobs.deletePrefix(prefix);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete " + prefix, e);
        }
    }
}
