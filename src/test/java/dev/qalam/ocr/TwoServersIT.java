package dev.qalam.ocr;

import static dev.qalam.ocr.OcrJobs.status;
import static dev.qalam.ocr.OcrJobs.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.SecondServer;
import dev.qalam.testing.TestServer;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two servers on one PostgreSQL database (the suite's and a second one started here with the same WAR and
 * environment on other ports): a job is run by the server that claimed it and by no other while that server
 * lives; when it is killed (SIGKILL) in the middle of a job, the other takes the job over once the lease
 * lapses and completes it, every page stored once and charged once. What one server changes (a charge, a
 * revocation) the other sees. Embedded Derby is one JVM's database, so on Derby this test is skipped (and
 * says so).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersIT {

    private static SecondServer second;

    private static final boolean POSTGRES = "postgres".equals(System.getenv("DB_KIND"));

    @BeforeAll
    static void start() {
        if (POSTGRES) {
            TestServer.awaitReady();
            second = SecondServer.start();
        }
    }

    /** Per test, so that each one is reported as skipped on Derby. */
    @BeforeEach
    void onPostgres() {
        Assumptions.assumeTrue(POSTGRES,
                "Several servers need a shared database: this test runs on PostgreSQL (DB_KIND=postgres), not on embedded Derby");
    }

    @AfterAll
    static void stop() {
        if (second == null) {
            return;
        }
        try {
            if (!TestServer.up()) {
                TestServer.start();
            }
        } finally {
            second.close();
        }
    }

    private static byte[] scanned(int pages) {
        BufferedImage[] scans = new BufferedImage[pages];
        Arrays.fill(scans, TestDocuments.page(TestDocuments.ARABIC, true, 0));
        return TestDocuments.scannedPdf(scans);
    }

    private static void assertEveryPageOnce(JsonNode done, int pages) {
        assertEquals("done", done.get("status").asText(), done.toString());
        assertEquals(pages, done.get("pages").size(), done.toString());
        TreeSet<Integer> nums = new TreeSet<>();
        for (JsonNode p : done.get("pages")) {
            nums.add(p.get("page_num").asInt());
            assertFalse(p.get("text").asText().isBlank(), p.toString());
        }
        assertEquals(pages, nums.size());
        assertEquals(1, nums.first());
        assertEquals(pages, nums.last());
    }

    @Test
    @Order(1)
    void aLiveServersJobIsNeverTaken() {
        Keys.TestKey key = Keys.create(null, 6L, null, "ocr");
        Api onSecond = key.api().at(second.baseUrl());
        String token = upload(onSecond, "second.pdf", "application/pdf", scanned(6));
        // Followed through the first server, which shares the database and would take the job if it misjudged.
        JsonNode done = Poll.until(Duration.ofSeconds(180), "the job to finish", () -> status(key.api(), token),
                j -> j.get("status").asText().equals("done") || j.get("status").asText().equals("error"));
        assertEveryPageOnce(done, 6);
        assertEquals(0, Keys.ocrPageBalance(Api.admin(), key.id()));
        assertFalse(TestServer.log().contains("Job " + token), "the first server never touched the second's job");
    }

    /** Revoked on one server, a key stops working on the other within QALAM_KEY_CACHE_SECONDS (10 s by default). */
    @Test
    @Order(2)
    void aKeyRevokedOnOneServerStopsWorkingOnTheOther() {
        Keys.TestKey key = Keys.create("ocr");
        assertEquals(200, key.api().get("/v1/keys").status(), "the first server knows the key (and caches it)");
        assertEquals(204, Api.admin().at(second.baseUrl()).delete("/v1/admin/keys/" + key.id()).status());
        Poll.until(Duration.ofSeconds(30), "the first server to refuse the revoked key",
                () -> key.api().get("/v1/keys").status(), s -> s == 401);
    }

    @Test
    @Order(3)
    void aKilledServersJobIsCompletedByTheOther() {
        int pages = 16;
        Keys.TestKey key = Keys.create(null, (long) pages, null, "ocr");
        String token = upload(key.api(), "long.pdf", "application/pdf", scanned(pages));
        JsonNode mid = Poll.until(Duration.ofSeconds(120), "a few pages done on the first server", () -> status(key.api(), token),
                j -> j.get("pages").size() >= 2);
        assertTrue(mid.get("pages").size() < pages, "the job must still be running when the server dies: " + mid);

        TestServer.kill();
        try {
            Api onSecond = key.api().at(second.baseUrl());
            JsonNode done = Poll.until(Duration.ofSeconds(300), "the second server to complete the job", () -> status(onSecond, token),
                    j -> j.get("status").asText().equals("done") || j.get("status").asText().equals("error") && !j.path("retryable").asBoolean());
            assertEveryPageOnce(done, pages);
            assertEquals(0, Keys.ocrPageBalance(Api.admin().at(second.baseUrl()), key.id()), "charged once per page, taken-over pages included");
            String log = second.log();
            assertTrue(log.contains("Job " + token) && log.contains("taking it over"), "the second server took the job over");
        } finally {
            TestServer.start();
        }
        assertEveryPageOnce(status(key.api(), token), pages);
    }
}
