package dev.qalam.retrieval;

import static dev.qalam.retrieval.Collections.BASE;
import static dev.qalam.retrieval.Collections.ask;
import static dev.qalam.retrieval.Collections.create;
import static dev.qalam.retrieval.Collections.ingestFile;
import static dev.qalam.retrieval.Collections.ingestJson;
import static dev.qalam.retrieval.Collections.ingestText;
import static dev.qalam.retrieval.Collections.query;
import static dev.qalam.retrieval.Collections.ready;
import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * alRetrieval over real HTTP (docs/api-contract.md): collections, ingestion of pre-extracted pages and text
 * files, the query (right document and page first, doc_ids, metadata filters), the listing, every documented
 * error, and ownership.
 */
class RetrievalIT {

    static Keys.TestKey key;
    static Api api;
    static Api stranger;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        key = Keys.create("alretrieval");
        api = key.api();
        stranger = Keys.create("alretrieval").api();
    }

    static Map<String, Object> pages(String title, String filename, Object pages, Map<String, Object> metadata) {
        return metadata == null ? Api.obj("title", title, "filename", filename, "pages", pages)
                : Api.obj("title", title, "filename", filename, "pages", pages, "metadata", metadata);
    }

    @Test
    void collectionsAreTheCallersNewestFirst() {
        String first = create(api);
        String second = create(api);
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        JsonNode list = api.get(BASE).json().get("collections");
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.get("collection_id").asText()));
        assertTrue(ids.indexOf(second) < ids.indexOf(first) && ids.indexOf(second) >= 0, ids.toString());
        Instant created = Instant.parse(list.get(ids.indexOf(first)).get("created_at").asText());
        assertTrue(created.isAfter(Instant.now().minusSeconds(120)), created.toString());
        JsonNode theirs = stranger.get(BASE).json().get("collections");
        theirs.forEach(c -> assertFalse(ids.contains(c.get("collection_id").asText()), "another owner's collection listed"));
    }

    @Test
    void preExtractedPagesAreFoundAtTheRightPage() {
        String c = create(api);
        String doc = ingestJson(api, c, pages("Fleet handbook", "fleet.pdf", List.of(
                "Our company owns twelve delivery vans and four trucks, serviced every spring.",
                Api.obj("text", "Drivers must complete a safety course before their first shift. The course lasts two days."),
                Api.obj("page_num", 3, "text", "Fuel cards are issued by the finance office and renewed each January.")),
                Map.of("department", "logistics", "year", 2024)));
        ready(api, c, doc);

        JsonNode r = ask(api, c, "How long does the driver safety course last?");
        JsonNode top = r.get("context").get(0);
        assertEquals(doc, top.get("document_id").asText());
        assertEquals(2, top.get("page_start").asInt(), r.toString());
        assertEquals(2, top.get("page_end").asInt());
        assertTrue(top.get("is_direct_hit").asBoolean(), r.toString());
        assertTrue(top.get("snippet").asText().contains("safety course"), r.toString());
        assertEquals("Fleet handbook", top.get("title").asText());
        assertEquals(List.of(doc), strings(r.get("effective_scope_doc_ids")));
        double previous = Double.MAX_VALUE;
        for (JsonNode hit : r.get("context")) {
            double s = hit.get("score").asDouble();
            assertTrue(s <= previous && s > 0 && s <= 1, r.toString());
            previous = s;
        }

        JsonNode fuel = ask(api, c, "Who issues fuel cards?").get("context").get(0);
        assertEquals(3, fuel.get("page_start").asInt(), fuel.toString());

        JsonNode listing = api.get(BASE + "/" + c + "/documents").json();
        assertEquals(c, listing.get("collection_id").asText());
        JsonNode d = listing.get("documents").get(0);
        assertEquals(doc, d.get("doc_id").asText());
        assertEquals("fleet.pdf", d.get("filename").asText());
        assertEquals("ready", d.get("status").asText());
        assertEquals("application/json", d.get("mime_type").asText());
        assertEquals(3, d.get("pages").asInt());
        assertEquals("logistics", d.get("metadata").get("department").asText());
        assertEquals(2024, d.get("metadata").get("year").asInt());
        Instant.parse(d.get("created_at").asText());
        byte[] original = download(d.get("file_url").asText());
        assertTrue(new String(original, StandardCharsets.UTF_8).contains("Fuel cards are issued"), "file_url gives the original");
    }

    @Test
    void arabicAndMarkdownFilesAreFoundByTheirWords() {
        String c = create(api);
        String ar = ingestText(api, c, "الرياض.txt", "مدينة الرياض هي عاصمة المملكة العربية السعودية.\n\n"
                + "يبلغ عدد سكان الرياض أكثر من سبعة ملايين نسمة، وتشتهر بأسواقها القديمة.");
        String md = ingestText(api, c, "guide.md", "# Garden guide\n\nTomatoes need six hours of sun a day.\n\n"
                + "## Watering\n\nWater the roses early in the morning, never at noon.\n");
        ready(api, c, ar);
        ready(api, c, md);

        JsonNode r = ask(api, c, "كم عدد سكان الرياض؟");
        JsonNode top = r.get("context").get(0);
        assertEquals(ar, top.get("document_id").asText(), r.toString());
        assertTrue(top.get("snippet").asText().contains("سبعة ملايين"), r.toString());
        assertEquals(1, top.get("page_start").asInt());

        JsonNode roses = ask(api, c, "When should I water the roses?").get("context").get(0);
        assertEquals(md, roses.get("document_id").asText());
        assertEquals("Watering", roses.get("title").asText(), roses.toString());
        assertEquals(2, strings(ask(api, c, "roses").get("effective_scope_doc_ids")).size());
    }

    @Test
    void docIdsAndMetadataNarrowTheSearch() {
        String c = create(api);
        String a = ingestJson(api, c, pages("Alabama ruling", "a.json", List.of("The court ruled on the water rights dispute."),
                Map.of("jurisdiction", "Alabama", "date", "2024-10-30")));
        String b = ingestJson(api, c, pages("Nevada ruling", "b.json", List.of("The court ruled on the water rights appeal."),
                Map.of("jurisdiction", "Nevada", "date", "2023-01-15")));
        ready(api, c, a);
        ready(api, c, b);

        JsonNode onlyB = ask(api, c, "water rights", List.of(b));
        assertEquals(List.of(b), strings(onlyB.get("effective_scope_doc_ids")));
        onlyB.get("context").forEach(h -> assertEquals(b, h.get("document_id").asText()));
        assertFalse(onlyB.get("context").isEmpty());

        Api.Reply filtered = query(api, c, Map.of("query", "water rights",
                "filter_metadata", Map.of("range", Map.of("date", Map.of("gt", "2024-10-29")))));
        assertEquals(200, filtered.status(), filtered.toString());
        JsonNode hits = filtered.json().get("context");
        assertEquals(1, hits.size(), hits.toString());
        assertEquals(a, hits.get(0).get("document_id").asText());

        assertError(query(api, c, Map.of("query", "water", "filter_metadata", Map.of("match", Map.of("x", 1)))), 400, "invalid_filter");
    }

    @Test
    void everyDocumentedErrorIsAnswered() {
        String c = create(api);
        String ingest = BASE + "/" + c + "/documents/ingest";
        assertError(api.postRaw(ingest, "text/plain", "hello"), 415, null);
        assertError(api.multipart(ingest, null, null, null, null, Map.of("metadata", "{}")), 400, "missing_file");
        assertError(api.multipart(ingest, "file", "a.exe", "application/octet-stream", new byte[] {0x4d, 0x5a, 1, 2, 3, 4}), 400, "unsupported_file_type");
        assertError(api.multipart(ingest, "file", "empty.txt", "text/plain", new byte[0]), 400, "empty_file");
        assertError(api.multipart(ingest, "file", "blank.txt", "text/plain", "  \n ".getBytes(StandardCharsets.UTF_8)), 400, "empty_content");
        assertError(api.multipart(ingest, "file", "bad.txt", "text/plain", new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'}), 400, "invalid_utf8");
        assertError(api.multipart(ingest, "file", "a.txt", "text/plain", "text".getBytes(StandardCharsets.UTF_8),
                Map.of("metadata", "[1]")), 400, "invalid_metadata");
        assertError(api.post(ingest, Map.of("title", "t")), 400, "missing_pages");
        assertError(api.post(ingest, Map.of("pages", List.of(" ", ""))), 400, "empty_content");
        assertError(api.post(ingest, Map.of("pages", List.of(1, 2))), 400, "invalid_pages");
        assertError(api.postRaw(ingest, "application/json", "{not json"), 400, null);
        assertError(api.post(BASE + "/0123456789abcdef0123456789abcdef/documents/ingest", Map.of("pages", List.of("x"))), 404, null);
        assertEquals(0, api.get(BASE + "/" + c + "/documents").json().get("documents").size(), "a refused upload writes nothing");

        assertError(query(api, c, Map.of("doc_ids", List.of())), 422, "missing_query");
        assertError(query(api, c, Map.of("query", 5)), 400, "invalid_query");
        assertError(query(api, c, Map.of("query", "x", "doc_ids", "abc")), 400, "invalid_doc_ids");
        assertError(query(api, c, Map.of("query", "x", "doc_ids", List.of("0123456789abcdef0123456789abcdef"))), 404, null);
        assertError(api.postRaw(BASE + "/" + c + "/query", "application/json", "[1,"), 400, null);
        assertError(api.get(BASE + "/" + c + "/documents/0123456789abcdef0123456789abcdef/status"), 404, null);

        Keys.TestKey limited = Keys.create(null, null, 1L, "alretrieval");
        String lc = create(limited.api());
        assertEquals(200, query(limited.api(), lc, Map.of("query", "anything")).status());
        assertError(query(limited.api(), lc, Map.of("query", "anything")), 402, "request_limit_exceeded");

        assertError(Keys.create("ocr").api().get(BASE), 403, null);
        assertError(Api.anonymous().get(BASE), 401, "invalid_api_key");
    }

    @Test
    void anotherOwnerGetsNotFoundEverywhere() {
        String c = create(api);
        String doc = ingestJson(api, c, pages("Secret", "s.json", List.of("The vault code is hidden in the library."), null));
        ready(api, c, doc);
        String col = BASE + "/" + c;
        assertError(stranger.get(col + "/documents"), 404, null);
        assertError(stranger.get(col + "/documents/" + doc + "/status"), 404, null);
        assertError(query(stranger, c, Map.of("query", "vault code")), 404, null);
        assertError(stranger.post(col + "/documents/ingest", Map.of("pages", List.of("x"))), 404, null);
        assertError(stranger.multipart(col + "/documents/ingest", "file", "x.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 404, null);
        assertError(stranger.delete(col + "/documents/" + doc), 404, null);
        assertError(stranger.delete(col), 404, null);

        String teamId = Keys.createTeam();
        Api teamA = Keys.createInTeam(teamId, "alretrieval").api();
        Api teamB = Keys.createInTeam(teamId, "alretrieval").api();
        String shared = create(teamA);
        assertEquals(200, teamB.get(BASE + "/" + shared + "/documents").status(), "keys of one team share collections");

        String other = create(stranger);
        assertError(query(api, other, Map.of("query", "x", "doc_ids", List.of(doc))), 404, null);
    }

    @Test
    void deletingTakesChunksIndexEntriesAndFilesAlong() {
        String c = create(api);
        String keep = ingestJson(api, c, pages("Keep", "keep.json", List.of("Penguins live in the southern hemisphere."), null));
        String gone = ingestJson(api, c, pages("Gone", "gone.json", List.of("Penguins eat krill and small fish."), null));
        ready(api, c, keep);
        ready(api, c, gone);
        String url = api.get(BASE + "/" + c + "/documents").json().get("documents").get(1).get("file_url").asText();
        assertEquals(204, api.delete(BASE + "/" + c + "/documents/" + gone).status());
        assertError(api.get(BASE + "/" + c + "/documents/" + gone + "/status"), 404, null);
        JsonNode r = ask(api, c, "What do penguins eat?");
        r.get("context").forEach(h -> assertEquals(keep, h.get("document_id").asText()));
        assertEquals(List.of(keep), strings(r.get("effective_scope_doc_ids")));
        assertEquals(404, get(url).statusCode(), "the file is gone");

        assertEquals(204, api.delete(BASE + "/" + c).status());
        assertError(api.get(BASE + "/" + c + "/documents"), 404, null);
        assertError(query(api, c, Map.of("query", "penguins")), 404, null);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static byte[] download(String url) {
        HttpResponse<byte[]> r = get(url);
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    static HttpResponse<byte[]> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
