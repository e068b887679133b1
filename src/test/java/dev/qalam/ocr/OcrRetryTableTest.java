package dev.qalam.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.qalam.document.DocumentKind;
import dev.qalam.document.OcrEngineException;
import dev.qalam.document.PageExtraction;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.jobs.JobKind;
import dev.qalam.platform.jobs.JobLauncher;
import dev.qalam.platform.jobs.JobStates;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.jobs.TrackedJob;
import dev.qalam.platform.jobs.TrackedJobs;
import dev.qalam.platform.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry table of docs/api-contract.md in the service's own order, including what the integration tests
 * cannot provoke on a healthy server: 502 when the OCR engine cannot be loaded.
 */
class OcrRetryTableTest {

    static final String OWNER = "key:k1";

    final Map<String, OcrJob> jobs = new HashMap<>();
    final Map<String, byte[]> blobs = new HashMap<>();
    boolean engineDown;
    int resumed;
    OcrJobService service;

    @BeforeEach
    void setUp() {
        OcrConfig config = new OcrConfig();
        config.maxRetries = 3;
        config.retryBackoffSeconds = 30;
        service = new OcrJobService();
        service.config = config;
        service.jobs = new OcrJobRepository() {
            @Override
            public Optional<OcrJob> find(String id) {
                return Optional.ofNullable(jobs.get(id));
            }
        };
        OcrJobKind kind = new OcrJobKind();
        kind.config = config;
        service.kind = kind;
        service.trackedJobs = new TrackedJobs() {
            @Override
            @SuppressWarnings("unchecked")
            public <J extends TrackedJob> Optional<J> claimRetry(JobKind<J> k, String id) {
                OcrJob j = jobs.get(id);
                if (j == null || j.status() != JobStatus.ERROR || !k.retries().allowsAnother(j.retryCount())) {
                    return Optional.empty();
                }
                OcrJob claimed = job(id, j.retryCount() + 1);
                JobStates.requeued(claimed);
                jobs.put(id, claimed);
                return Optional.of((J) claimed);
            }
        };
        service.launcher = new JobLauncher() {
            @Override
            public long resume(String jobXml, TrackedJob job) {
                resumed++;
                return 1;
            }
        };
        service.extraction = new PageExtraction() {
            @Override
            public void probe() {
                if (engineDown) {
                    throw new OcrEngineException("libtesseract.so.5: cannot open shared object file");
                }
            }
        };
        service.blobs = new MemoryBlobs();
    }

    OcrJob job(String id, int retries) {
        OcrJob j = new OcrJob(id, OWNER, "k1", "a.pdf", DocumentKind.PDF, OcrJob.blobPrefix(id) + "source", 10, 2, 2,
                Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        // Retries are counted only by the conditional UPDATE of TrackedJobs; a test sets the column directly.
        JobStates.retryCount(j, retries);
        return j;
    }

    OcrJob failedJob(String id, int retries) {
        OcrJob j = job(id, retries);
        JobStates.failed(j, "ocr_engine_unavailable", "engine failed", true);
        jobs.put(id, j);
        blobs.put(j.sourceKey(), new byte[] {1});
        return j;
    }

    int status(String token) {
        return assertThrows(ApiException.class, () -> service.retry(OWNER, token)).status();
    }

    @Test
    void retryOfAFailedJobIsPendingWithTheCount() {
        failedJob("t", 0);
        OcrWire.OcrRetry r = service.retry(OWNER, "t");
        assertEquals("t", r.token());
        assertEquals("pending", r.status());
        assertEquals(1, r.retryCount());
        assertEquals(1, resumed);
    }

    @Test
    void unknownOrSomeoneElsesIs404() {
        assertEquals(404, status("nope"));
        OcrJob other = new OcrJob("o", "key:other", "k2", "a.pdf", DocumentKind.PDF, "ocr/o/source", 1, 1, 1,
                Instant.now(), Instant.now().plusSeconds(60));
        jobs.put("o", other);
        assertEquals(404, status("o"));
    }

    @Test
    void doneOrRunningIs409() {
        OcrJob done = job("d", 0);
        JobStates.done(done);
        jobs.put("d", done);
        assertEquals(409, status("d"));
        jobs.put("q", job("q", 0));
        assertEquals(409, status("q"));
    }

    @Test
    void noCopyOrExpiredIs422() {
        OcrJob j = failedJob("g", 0);
        blobs.remove(j.sourceKey());
        assertEquals(422, status("g"));
        OcrJob e = failedJob("e", 0);
        JobStates.expired(e);
        assertEquals(422, status("e"));
    }

    @Test
    void pastTheCapIs429() {
        failedJob("c", 3);
        ApiException e = assertThrows(ApiException.class, () -> service.retry(OWNER, "c"));
        assertEquals(429, e.status());
        assertEquals("retry_limit_reached", e.code());
    }

    @Test
    void engineThatCannotLoadIs502AndTheJobStaysRetryable() {
        failedJob("f", 1);
        engineDown = true;
        ApiException e = assertThrows(ApiException.class, () -> service.retry(OWNER, "f"));
        assertEquals(502, e.status());
        assertEquals("ocr_engine_unavailable", e.code());
        assertEquals(JobStatus.ERROR, jobs.get("f").status());
        assertEquals(1, jobs.get("f").retryCount());
        assertEquals(0, resumed);
        engineDown = false;
        assertEquals(2, service.retry(OWNER, "f").retryCount());
    }

    final class MemoryBlobs implements BlobStore {
        @Override
        public void put(String key, byte[] bytes, String contentType) {
            blobs.put(key, bytes);
        }

        @Override
        public long put(String key, InputStream in, String contentType, long maxBytes) throws java.io.IOException {
            byte[] b = in.readAllBytes();
            blobs.put(key, b);
            return b.length;
        }

        @Override
        public Optional<InputStream> open(String key) {
            return Optional.ofNullable(blobs.get(key)).map(ByteArrayInputStream::new);
        }

        @Override
        public boolean exists(String key) {
            return blobs.containsKey(key);
        }

        @Override
        public void delete(String key) {
            blobs.remove(key);
        }

        @Override
        public void deletePrefix(String prefix) {
            blobs.keySet().removeIf(k -> k.startsWith(prefix));
        }

        @Override
        public URI url(String key, Duration ttl, URI baseUri) {
            return baseUri.resolve("v1/files/" + key);
        }

        @Override
        public boolean isObjectStore() {
            return false;
        }
    }
}
