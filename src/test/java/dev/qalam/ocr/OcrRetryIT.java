package dev.qalam.ocr;

import static dev.qalam.ocr.OcrJobs.done;
import static dev.qalam.ocr.OcrJobs.finished;
import static dev.qalam.ocr.OcrJobs.upload;
import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The retry table of docs/api-contract.md, the page balance (402) and expiry (410), over real HTTP. */
class OcrRetryIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    private static byte[] pages(int n) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            pages.add(List.of("Page " + i + " of a born-digital document with plenty of words."));
        }
        return TestDocuments.bornDigitalPdf(pages);
    }

    @Test
    void unknownTokenIs404AndDoneJobIs409() {
        Api api = Keys.create("ocr").api();
        assertError(api.post("/v1/ocr/jobs/0123456789abcdef0123456789abcdef/retry", "{}"), 404, "not_found");
        String token = upload(api, "done.pdf", "application/pdf", pages(1));
        done(api, token);
        assertError(api.post("/v1/ocr/jobs/" + token + "/retry", "{}"), 409, "job_done");
    }

    @Test
    void jobStillProcessingIs409() {
        Api api = Keys.create("ocr").api();
        BufferedImage scan = TestDocuments.page(TestDocuments.ARABIC, true, 0);
        String token = upload(api, "busy.pdf", "application/pdf", TestDocuments.scannedPdf(scan, scan, scan));
        assertError(api.post("/v1/ocr/jobs/" + token + "/retry", "{}"), 409, "job_in_progress");
        done(api, token);
    }

    @Test
    void documentOverTheBalanceIs402AtUpload() {
        Keys.TestKey key = Keys.create(null, 2L, null, "ocr");
        assertError(key.api().multipart("/v1/ocr/upload", "file", "three.pdf", "application/pdf", pages(3)),
                402, "insufficient_ocr_balance");
        assertEquals(2, Keys.ocrPageBalance(key.id()), "nothing charged for a refused upload");
        done(key.api(), upload(key.api(), "two.pdf", "application/pdf", pages(2)));
        assertEquals(0, Keys.ocrPageBalance(key.id()), "two pages processed, two charged");
    }

    /**
     * Two documents of two pages on a balance of three: both pass the upload check, only three pages can be
     * processed. The job left short fails with a clear error; retries then fail the same way until the cap.
     */
    @Test
    void balanceRunningOutFailsTheJobThenRetriesUpToTheCap() {
        Keys.TestKey key = Keys.create(null, 3L, null, "ocr");
        Api api = key.api();
        String a = upload(api, "a.pdf", "application/pdf", pages(2));
        String b = upload(api, "b.pdf", "application/pdf", pages(2));
        JsonNode ja = finished(api, a, Duration.ofSeconds(120));
        JsonNode jb = finished(api, b, Duration.ofSeconds(120));
        int pagesDone = ja.get("pages").size() + jb.get("pages").size();
        assertEquals(3, pagesDone, ja + " / " + jb);
        assertEquals(0, Keys.ocrPageBalance(key.id()), "exactly the processed pages are charged");
        JsonNode failed = ja.get("status").asText().equals("error") ? ja : jb;
        String token = failed == ja ? a : b;
        assertEquals("error", failed.get("status").asText());
        assertTrue(failed.get("error").asText().toLowerCase().contains("balance"), failed.toString());
        assertEquals(0, failed.get("retry_count").asInt());
        assertTrue(failed.has("retryable"), failed.toString());

        for (int i = 1; i <= 3; i++) {
            Api.Reply r = api.post("/v1/ocr/jobs/" + token + "/retry", "{}");
            assertEquals(200, r.status(), r.toString());
            JsonNode j = r.json();
            assertEquals(token, j.get("token").asText());
            assertEquals("pending", j.get("status").asText());
            assertEquals(i, j.get("retry_count").asInt());
            JsonNode again = finished(api, token, Duration.ofSeconds(120));
            assertEquals("error", again.get("status").asText(), again.toString());
            assertEquals(i, again.get("retry_count").asInt());
        }
        assertError(api.post("/v1/ocr/jobs/" + token + "/retry", "{}"), 429, "retry_limit_reached");
        assertFalse(OcrJobs.status(api, token).get("retryable").asBoolean());
    }

    @Test
    void expiredJobAnswers410AndCannotBeRetried() {
        Api api = Keys.create("ocr").api();
        String token = upload(api, "short.pdf", "application/pdf", pages(2), Map.of("expires_in", "3"));
        Poll.until(Duration.ofSeconds(60), "job to expire", () -> api.get("/v1/ocr/jobs/" + token + "/1").status(), s -> s == 410);
        assertError(api.get("/v1/ocr/jobs/" + token + "/1"), 410, "job_expired");
        assertError(api.get("/v1/ocr/jobs/" + token), 410, "job_expired");
        assertError(api.get("/v1/ocr/thumbnails/" + token), 410, "job_expired");
        assertError(api.get("/v1/ocr/images/" + token), 410, "job_expired");
        assertError(api.post("/v1/ocr/jobs/" + token + "/retry", "{}"), 422, "no_retryable_copy");
        assertError(api.multipart("/v1/ocr/upload", "file", "x.pdf", "application/pdf", pages(1), Map.of("expires_in", "0")),
                400, "invalid_expires_in");
    }
}
