package dev.qalam.ocr;

import static dev.qalam.ocr.OcrJobs.status;
import static dev.qalam.ocr.OcrJobs.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import dev.qalam.text.CharacterErrorRate;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A server restart, or a crash, in the middle of a job: the job resumes (or fails retryable and is retried
 * by the worker) and completes, every page exactly once and charged once.
 */
class OcrRestartIT {

    private static final int PAGES = 16;

    @Test
    void jobInterruptedByARestartCompletes() {
        interruptedJobCompletes(TestServer::restart);
    }

    @Test
    void jobInterruptedByACrashCompletes() {
        interruptedJobCompletes(TestServer::crashAndStart);
    }

    private static void interruptedJobCompletes(Runnable interruption) {
        TestServer.awaitReady();
        Keys.TestKey key = Keys.create(null, (long) PAGES, null, "ocr");
        Api api = key.api();
        BufferedImage[] scans = new BufferedImage[PAGES];
        Arrays.fill(scans, TestDocuments.page(TestDocuments.ARABIC, true, 0));
        String token = upload(api, "long.pdf", "application/pdf", TestDocuments.scannedPdf(scans));

        JsonNode mid = Poll.until(Duration.ofSeconds(120), "a few pages done", () -> status(api, token),
                j -> j.get("pages").size() >= 2);
        int before = mid.get("pages").size();
        assertTrue(before < PAGES, "the job must still be running when the server restarts: " + before);
        int progress = mid.get("progress").asInt();
        assertTrue(progress > 0 && progress < 100, "progress moves page by page: " + progress);
        assertEquals("processing", mid.get("status").asText());

        interruption.run();

        // Done, or failed while the worker has not retried it yet: wait for a final answer either way.
        JsonNode done = Poll.until(Duration.ofSeconds(300), "the job to finish after the interruption",
                () -> status(api, token), j -> j.get("status").asText().equals("done")
                        || (j.get("status").asText().equals("error") && !j.path("retryable").asBoolean(false)));
        assertEquals("done", done.get("status").asText(), done.toString());
        assertEquals(100, done.get("progress").asInt());
        assertEquals(PAGES, done.get("pages").size());
        TreeSet<Integer> nums = new TreeSet<>();
        for (JsonNode p : done.get("pages")) {
            nums.add(p.get("page_num").asInt());
            double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), p.get("text").asText());
            assertTrue(cer < 0.05, "page " + p.get("page_num") + " CER " + cer);
        }
        assertEquals(PAGES, nums.size());
        assertEquals(1, nums.first());
        assertEquals(PAGES, nums.last());
        // Charged once per page, resumed pages included: the balance is used up exactly.
        for (JsonNode k : Api.admin().get("/v1/admin/keys").json().get("keys")) {
            if (k.get("id").asText().equals(key.id())) {
                assertEquals(0, k.get("ocr_page_balance").asLong(), k.toString());
            }
        }
    }
}
