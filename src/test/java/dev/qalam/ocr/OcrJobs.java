package dev.qalam.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Poll;
import java.time.Duration;
import java.util.Map;

/** Upload-and-wait helpers for the OCR integration tests. */
final class OcrJobs {

    private OcrJobs() {
    }

    static String upload(Api api, String filename, String contentType, byte[] content) {
        return upload(api, filename, contentType, content, null);
    }

    static String upload(Api api, String filename, String contentType, byte[] content, Map<String, String> fields) {
        Api.Reply r = api.multipart("/v1/ocr/upload", "file", filename, contentType, content, fields);
        assertEquals(200, r.status(), r.toString());
        JsonNode j = r.json();
        assertEquals("queued", j.get("status").asText(), j.toString());
        return j.get("token").asText();
    }

    static JsonNode status(Api api, String token) {
        Api.Reply r = api.get("/v1/ocr/jobs/" + token);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    /** Waits for {@code done} or {@code error}. */
    static JsonNode finished(Api api, String token, Duration timeout) {
        return Poll.until(timeout, "OCR job " + token + " to finish", () -> status(api, token),
                j -> j.get("status").asText().equals("done") || j.get("status").asText().equals("error"));
    }

    static JsonNode done(Api api, String token) {
        JsonNode j = finished(api, token, Duration.ofSeconds(120));
        assertEquals("done", j.get("status").asText(), j.toString());
        return j;
    }

    static String text(JsonNode status, int pageNum) {
        for (JsonNode p : status.get("pages")) {
            if (p.get("page_num").asInt() == pageNum) {
                return p.get("text").asText();
            }
        }
        throw new AssertionError("No page " + pageNum + " in " + status);
    }
}
