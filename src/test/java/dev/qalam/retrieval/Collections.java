package dev.qalam.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Steps the retrieval ITs share: make a collection, ingest, wait for a document, ask. */
final class Collections {

    static final String BASE = "/v1/alRetrieval/collections";

    private Collections() {
    }

    static String create(Api api) {
        Api.Reply r = api.post(BASE, "");
        assertEquals(200, r.status(), r.toString());
        return r.json().get("collection_id").asText();
    }

    static String ingestJson(Api api, String collection, Object body) {
        Api.Reply r = api.post(BASE + "/" + collection + "/documents/ingest", body);
        assertEquals(200, r.status(), r.toString());
        assertEquals("queued", r.json().get("status").asText());
        assertEquals(collection, r.json().get("collection").asText());
        return r.json().get("id").asText();
    }

    static String ingestFile(Api api, String collection, String filename, byte[] content, Map<String, String> fields) {
        Api.Reply r = api.multipart(BASE + "/" + collection + "/documents/ingest", "file", filename,
                "application/octet-stream", content, fields);
        assertEquals(200, r.status(), r.toString());
        assertEquals("queued", r.json().get("status").asText());
        return r.json().get("id").asText();
    }

    static String ingestText(Api api, String collection, String filename, String text) {
        return ingestFile(api, collection, filename, text.getBytes(StandardCharsets.UTF_8), null);
    }

    static JsonNode status(Api api, String collection, String doc) {
        Api.Reply r = api.get(BASE + "/" + collection + "/documents/" + doc + "/status");
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    /** Waits until the document is ready (or fails the test with its error). */
    static void ready(Api api, String collection, String doc) {
        JsonNode s = Poll.until(Duration.ofMinutes(3), "document " + doc + " ready or failed",
                () -> status(api, collection, doc), j -> !"processing".equals(j.get("status").asText()));
        assertEquals("ready", s.get("status").asText(), s.toString());
    }

    static Api.Reply query(Api api, String collection, Object body) {
        return api.post(BASE + "/" + collection + "/query", body);
    }

    static JsonNode ask(Api api, String collection, String question) {
        Api.Reply r = query(api, collection, Map.of("query", question));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    static JsonNode ask(Api api, String collection, String question, List<String> docIds) {
        Api.Reply r = query(api, collection, Map.of("query", question, "doc_ids", docIds));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }
}
