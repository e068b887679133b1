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
import dev.qalam.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens to a job after something goes wrong, over real HTTP: a storage failure is retried
 * automatically and the job completes; a job that expires while it runs loses all its files and its
 * progress stream ends. The tests look into the server's data directory (the suite's {@code QALAM_DATA_DIR},
 * where the local blob store keeps the files), as an operator would.
 */
class OcrJobLifecycleIT {

    private static Path blobs;

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
        String dataDir = System.getenv("QALAM_DATA_DIR");
        Assumptions.assumeTrue(dataDir != null, "needs the server's data directory (run with ./qalam test)");
        blobs = Path.of(dataDir, "blobs");
    }

    /**
     * The blob store cannot take the image of the last page (a directory stands where the file goes, as a
     * full or broken disk would refuse it): the job fails retryable with Qalam's own message, the worker
     * retries it on its own once the store works again, and the job completes, each page charged once.
     */
    @Test
    void storageFailureIsRetriedAutomatically() throws IOException {
        Keys.TestKey key = Keys.create(null, 8L, null, "ocr");
        Api api = key.api();
        String token = upload(api, "eight.pdf", "application/pdf",
                TestDocuments.scannedPdf(TestDocuments.page(TestDocuments.ARABIC, true, 0), 8));
        // The last page is read last: the blocker is in place long before.
        Path blocker = blobs.resolve("ocr/" + token + "/pages/8.png");
        Files.createDirectories(blocker.resolve("in-the-way"));

        JsonNode failed = Poll.until(Duration.ofSeconds(120), "the job to fail on page 8", () -> status(api, token),
                j -> !List.of("queued", "processing").contains(j.get("status").asText()));
        assertEquals("error", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("retryable").asBoolean(), failed.toString());
        String error = failed.get("error").asText();
        assertEquals("The image of page 8 could not be stored; the job will be retried.", error);

        deleteTree(blocker);
        JsonNode done = Poll.until(Duration.ofSeconds(120), "the automatic retry to complete the job", () -> status(api, token),
                j -> j.get("status").asText().equals("done"));
        assertEquals(8, done.get("pages").size(), done.toString());
        assertEquals(0, Keys.ocrPageBalance(key.id()), "eight pages processed, eight charged, whatever was retried");
        assertTrue(Files.isRegularFile(blocker), "page 8's image is stored after the retry");
    }

    /**
     * A job that expires in the middle of its pages: its progress stream ends with an {@code expired} event,
     * every endpoint answers 410, and nothing of it stays in the blob store, not even the page that was being
     * read when it expired.
     */
    @Test
    void jobExpiringWhileRunningEndsItsStreamAndLeavesNoFiles() throws Exception {
        Keys.TestKey key = Keys.create("ocr");
        Api api = key.api();
        // Far more pages than can be read before it expires, whatever the machine.
        byte[] pdf = TestDocuments.scannedPdf(TestDocuments.page(TestDocuments.ARABIC, true, 0), 400);
        String token = upload(api, "expiring.pdf", "application/pdf", pdf, Map.of("expires_in", "3"));
        CompletableFuture<List<String>> stream = CompletableFuture.supplyAsync(() -> events(key.secret(), token));

        List<String> events = stream.get(90, TimeUnit.SECONDS);
        assertFalse(events.isEmpty());
        assertEquals("expired", events.get(events.size() - 1), events.toString());
        assertEquals(410, api.get("/v1/ocr/jobs/" + token).status());

        Path folder = blobs.resolve("ocr/" + token);
        long[] goneSince = {0};
        Poll.until(Duration.ofSeconds(90), "the job's folder to be gone and stay gone for 5 s", () -> {
            if (Files.exists(folder)) {
                goneSince[0] = 0;
                return false;
            }
            if (goneSince[0] == 0) {
                goneSince[0] = System.nanoTime();
            }
            return System.nanoTime() - goneSince[0] > Duration.ofSeconds(5).toNanos();
        });
    }

    /** The names of the events of a job's progress stream, until the server ends it. */
    private static List<String> events(String secret, String token) {
        try {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestServer.uri("/v1/ocr/jobs/" + token + "/events"))
                    .header("Authorization", "Bearer " + secret).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            List<String> names = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        names.add(line.substring(6).strip());
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
