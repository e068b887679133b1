package dev.qalam.ocr;

import static dev.qalam.ocr.OcrJobs.done;
import static dev.qalam.ocr.OcrJobs.text;
import static dev.qalam.ocr.OcrJobs.upload;
import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import dev.qalam.text.CharacterErrorRate;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OCR API over real HTTP, on documents the tests make: accuracy, fields, pagination, errors, ownership. */
class OcrIT {

    static Keys.TestKey key;
    static Api api;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        key = Keys.create("ocr");
        api = key.api();
    }

    @Test
    void scannedEnglishPngIsReadAccurately() {
        byte[] png = TestDocuments.png(TestDocuments.page(TestDocuments.ENGLISH, false, 0));
        Api.Reply r = api.multipart("/v1/ocr/upload", "file", "letter.png", "application/octet-stream", png);
        assertEquals(200, r.status(), r.toString());
        JsonNode up = r.json();
        assertEquals("queued", up.get("status").asText());
        assertEquals(0, up.get("progress").asInt());
        assertEquals(100, up.get("upload_progress").asInt());
        assertTrue(up.get("queue_position").asInt() >= 1);
        assertTrue(up.get("token").asText().length() >= 32);

        JsonNode job = done(api, up.get("token").asText());
        assertEquals("letter.png", job.get("filename").asText());
        assertEquals(100, job.get("progress").asInt());
        assertEquals(1, job.get("total_pages").asInt());
        assertTrue(Instant.parse(job.get("expires_at").asText()).isAfter(Instant.now().plus(Duration.ofHours(23))));
        assertFalse(job.has("error"), job.toString());
        JsonNode page = job.get("pages").get(0);
        assertEquals(1, page.get("page_num").asInt());
        assertEquals(3, page.get("num_segments").asInt());
        assertTrue(page.get("elapsed").asDouble() > 0);
        double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ENGLISH), page.get("text").asText());
        assertTrue(cer < 0.02, "English CER " + cer + ": " + page.get("text"));
    }

    @Test
    void scannedArabicPdfIsReadAccurately() {
        byte[] pdf = TestDocuments.scannedPdf(TestDocuments.page(TestDocuments.ARABIC, true, 0));
        JsonNode job = done(api, upload(api, "عربي.pdf", "application/pdf", pdf));
        assertEquals("عربي.pdf", job.get("filename").asText());
        double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), text(job, 1));
        assertTrue(cer < 0.05, "Arabic CER " + cer + ": " + text(job, 1));
        assertFalse(text(job, 1).contains("\u200F") || text(job, 1).contains("\u200E"), "direction marks stripped");
    }

    @Test
    void ruledArabicTableComesBackRowByRowWithItsBlocks() {
        byte[] jpeg = TestDocuments.jpeg(TestDocuments.noisy(
                TestDocuments.table("قائمة الأسعار", TestDocuments.ARABIC_TABLE, true, 200, 0.5), 0.001, 11));
        String token = upload(api, "prices.jpg", "image/jpeg", jpeg);
        JsonNode job = done(api, token);
        String expected = "قائمة الأسعار\n" + TestDocuments.tableText(TestDocuments.ARABIC_TABLE);
        double cer = CharacterErrorRate.of(expected, text(job, 1));
        assertTrue(cer < 0.3, "Arabic table CER " + cer + ": " + text(job, 1));
        JsonNode detail = api.get("/v1/ocr/jobs/" + token + "/1").json();
        JsonNode blocks = detail.get("blocks");
        assertEquals(blocks, job.get("pages").get(0).get("blocks"), "the same blocks on both endpoints");
        assertEquals("text", blocks.get(0).get("type").asText(), blocks.toString());
        JsonNode table = blocks.get(1);
        assertEquals("table", table.get("type").asText());
        assertEquals(5, table.get("rows").size());
        assertEquals("الصنف", table.get("rows").get(0).get(0).asText(), "right to left: the item column first");
        double y = table.get("bbox").get("y").asDouble();
        assertTrue(y > blocks.get(0).get("bbox").get("y").asDouble() && y < 1, table.toString());
    }

    @Test
    void skewedJpegAndTiffScansAreRead() {
        byte[] jpeg = TestDocuments.jpeg(TestDocuments.page(TestDocuments.ENGLISH, false, 2.5));
        byte[] tiff = TestDocuments.tiff(TestDocuments.page(TestDocuments.ENGLISH, false, 0));
        String a = upload(api, "skewed.pdf", "application/pdf", jpeg);
        String b = upload(api, "scan", "image/tiff", tiff);
        for (String token : List.of(a, b)) {
            String text = text(done(api, token), 1);
            double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ENGLISH), text);
            assertTrue(cer < 0.02, "CER " + cer + ": " + text);
        }
    }

    /** Every frame of a multi-page TIFF is a page (it was cut to its first one). */
    @Test
    void multiPageTiffHasAPagePerFrame() {
        byte[] tiff = TestDocuments.multiPageTiff(TestDocuments.page(TestDocuments.ENGLISH, false, 0),
                TestDocuments.page(TestDocuments.ARABIC, true, 0));
        Api.Reply r = api.multipart("/v1/ocr/upload", "file", "fax.tiff", "image/tiff", tiff);
        assertEquals(200, r.status(), r.toString());
        JsonNode job = done(api, r.json().get("token").asText());
        assertEquals(2, job.get("total_pages").asInt(), job.toString());
        assertEquals(2, job.get("pages").size());
        double en = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ENGLISH), text(job, 1));
        double ar = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), text(job, 2));
        assertTrue(en < 0.02, "English CER " + en + ": " + text(job, 1));
        assertTrue(ar < 0.05, "Arabic CER " + ar + ": " + text(job, 2));
        assertEquals(200, api.get("/v1/ocr/jobs/" + r.json().get("token").asText() + "/2").status());
    }

    @Test
    void bornDigitalAndMixedPdfs() {
        String born = upload(api, "born.pdf", "application/pdf", TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH)));
        String mixed = upload(api, "mixed.pdf", "application/pdf", TestDocuments.mixedPdf());
        assertEquals(TestDocuments.text(TestDocuments.ENGLISH), text(done(api, born), 1));
        JsonNode m = done(api, mixed);
        assertEquals(2, m.get("total_pages").asInt());
        assertEquals(2, m.get("pages").size());
        assertEquals(TestDocuments.text(TestDocuments.ENGLISH), text(m, 1));
        double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), text(m, 2));
        assertTrue(cer < 0.05, "Arabic CER " + cer + ": " + text(m, 2));
    }

    @Test
    void singlePageWithSignedImageUrls() throws Exception {
        String token = upload(api, "two.pdf", "application/pdf",
                TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH, List.of("Second page of the document, with enough words."))));
        done(api, token);
        Api.Reply r = api.get("/v1/ocr/jobs/" + token + "/2");
        assertEquals(200, r.status(), r.toString());
        JsonNode p = r.json();
        assertEquals(2, p.get("page_num").asInt());
        assertEquals("Second page of the document, with enough words.", p.get("text").asText());
        assertEquals("done", p.get("status").asText());
        assertEquals(1, p.get("num_segments").asInt());
        assertTrue(p.get("elapsed").isNumber());
        for (String field : List.of("thumbnail", "image")) {
            String url = p.get(field).get("url").asText();
            HttpResponse<byte[]> img = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, img.statusCode(), url);
            assertEquals((byte) 0x89, img.body()[0], "PNG");
        }

        assertError(api.get("/v1/ocr/jobs/" + token + "/0"), 400, "invalid_page_num");
        assertError(api.get("/v1/ocr/jobs/" + token + "/-3"), 400, "invalid_page_num");
        assertError(api.get("/v1/ocr/jobs/" + token + "/two"), 400, "invalid_page_num");
        assertError(api.get("/v1/ocr/jobs/" + token + "/3"), 404, "not_found");
        assertError(api.get("/v1/ocr/jobs/0123456789abcdef0123456789abcdef/1"), 404, "not_found");
    }

    @Test
    void pageNotYetProcessedHasNullImage() {
        List<java.awt.image.BufferedImage> scans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            scans.add(TestDocuments.page(TestDocuments.ARABIC, true, 0));
        }
        String token = upload(api, "four.pdf", "application/pdf", TestDocuments.scannedPdf(scans.toArray(new java.awt.image.BufferedImage[0])));
        JsonNode p = api.get("/v1/ocr/jobs/" + token + "/4").json();
        if (!"done".equals(p.get("status").asText())) {
            assertTrue(p.has("image") && p.get("image").isNull(), p.toString());
            assertTrue(List.of("queued", "processing").contains(p.get("status").asText()), p.toString());
        }
        done(api, token);
    }

    @Test
    void thumbnailsAndImagesArePaginated() {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            pages.add(List.of("This is page number " + i + " of a short born-digital document."));
        }
        String token = upload(api, "three.pdf", "application/pdf", TestDocuments.bornDigitalPdf(pages));
        done(api, token);
        for (String kind : List.of("thumbnails", "images")) {
            JsonNode first = api.get("/v1/ocr/" + kind + "/" + token + "?start=0&limit=2").json();
            assertEquals(2, first.get(kind).size(), first.toString());
            assertEquals(0, first.get("start").asInt());
            assertEquals(2, first.get("end").asInt());
            assertEquals(3, first.get("total_pages").asInt());
            assertTrue(first.get("has_more").asBoolean());
            JsonNode item = first.get(kind).get(0);
            assertEquals(1, item.get("page_num").asInt());
            String data = item.has("url") ? null : item.get("data").asText();
            if (data != null) {
                assertTrue(data.startsWith("data:image/png;base64,"), data);
                byte[] png = Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1));
                assertEquals((byte) 0x89, png[0]);
            }
            JsonNode rest = api.get("/v1/ocr/" + kind + "/" + token + "?start=2&limit=2").json();
            assertEquals(1, rest.get(kind).size());
            assertEquals(3, rest.get(kind).get(0).get("page_num").asInt());
            assertEquals(3, rest.get("end").asInt());
            assertFalse(rest.get("has_more").asBoolean());
            JsonNode defaults = api.get("/v1/ocr/" + kind + "/" + token).json();
            assertEquals(3, defaults.get(kind).size());
            assertEquals(3, defaults.get("end").asInt());

            assertError(api.get("/v1/ocr/" + kind + "/" + token + "?limit=51"), 400, "invalid_limit");
            assertError(api.get("/v1/ocr/" + kind + "/" + token + "?limit=0"), 400, "invalid_limit");
            assertError(api.get("/v1/ocr/" + kind + "/" + token + "?start=-1"), 400, "invalid_start");
            assertError(api.get("/v1/ocr/" + kind + "/" + token + "?start=3"), 400, "invalid_start");
            assertError(api.get("/v1/ocr/" + kind + "/" + token + "?start=x"), 400, "invalid_start");
        }
        // The thumbnail is about 200 px wide.
        String thumb = api.get("/v1/ocr/jobs/" + token + "/1").json().get("thumbnail").get("url").asText();
        assertNotNull(thumb);
    }

    @Test
    void uploadErrors() {
        assertError(api.postRaw("/v1/ocr/upload", "application/json", "{\"file\":\"x\"}"), 415, null);
        assertError(api.multipart("/v1/ocr/upload", "document", "a.pdf", "application/pdf",
                TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH))), 400, "missing_file");
        assertError(api.multipart("/v1/ocr/upload", null, null, null, null), 400, "missing_file");
        assertError(api.multipart("/v1/ocr/upload", "file", "empty.pdf", "application/pdf", new byte[0]), 400, "empty_file");
        assertError(api.multipart("/v1/ocr/upload", "file", "notes.pdf", "application/pdf",
                "just some text, not a PDF".getBytes(StandardCharsets.UTF_8)), 400, "unsupported_file_type");
        assertError(api.multipart("/v1/ocr/upload", "file", "doc.docx", "application/pdf",
                new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}), 400, "unsupported_file_type");
        assertError(api.multipart("/v1/ocr/upload", "file", "locked.pdf", "application/pdf",
                TestDocuments.encryptedPdf()), 400, "encrypted_pdf");
        assertError(api.multipart("/v1/ocr/upload", "file", "broken.pdf", "application/pdf",
                "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage".getBytes(StandardCharsets.US_ASCII)), 400, "invalid_pdf");
        assertError(api.multipart("/v1/ocr/upload", "file", "broken.png", "image/png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}), 400, "invalid_image");
        assertError(api.multipart("/v1/ocr/upload", "file", "huge.pdf", "application/pdf", TestDocuments.blankPdf(2001)),
                400, "too_many_pages");
        assertError(Api.anonymous().multipart("/v1/ocr/upload", "file", "a.png", "image/png", new byte[] {1}), 401, null);
        assertError(Keys.create("llm").api().multipart("/v1/ocr/upload", "file", "a.png", "image/png", new byte[] {1}), 403, null);
    }

    /** Over the size limit (100 MB by default) is refused from the declared length, before the body is read. */
    @Test
    void oversizedUploadIs413() throws Exception {
        URI uri = TestServer.uri("/v1/ocr/upload");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST /v1/ocr/upload HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + key.secret()
                    + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + (200L * 1024 * 1024)
                    + "\r\nConnection: close\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n%PDF-1.7\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            // The server may keep the connection open for the body it was promised: read the answer only.
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buf = new byte[4096];
            for (int n; !answer.toString().endsWith("}}") && (n = in.read(buf)) > 0; ) {
                answer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            assertTrue(answer.toString().startsWith("HTTP/1.1 413"), answer.toString());
            assertTrue(answer.toString().contains("\"payload_too_large\""), answer.toString());
        }
    }

    @Test
    void anotherOwnersTokenIsNotFound() {
        String token = upload(api, "mine.pdf", "application/pdf", TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH)));
        done(api, token);
        Api other = Keys.create("ocr").api();
        assertError(other.get("/v1/ocr/jobs/" + token), 404, "not_found");
        assertError(other.get("/v1/ocr/jobs/" + token + "/1"), 404, "not_found");
        assertError(other.get("/v1/ocr/thumbnails/" + token), 404, "not_found");
        assertError(other.get("/v1/ocr/images/" + token), 404, "not_found");
        assertError(other.post("/v1/ocr/jobs/" + token + "/retry", "{}"), 404, "not_found");
        assertError(other.get("/v1/ocr/jobs/" + token + "/events"), 404, "not_found");
        // A key of the same team shares the team's jobs; the owner still sees it.
        assertEquals(200, api.get("/v1/ocr/jobs/" + token).status());
    }

    @Test
    void teamMembersShareJobs() {
        String team = Keys.createTeam();
        Api a = Keys.createInTeam(team, "ocr").api();
        Api b = Keys.createInTeam(team, "ocr").api();
        String token = upload(a, "team.pdf", "application/pdf", TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH)));
        assertEquals(200, b.get("/v1/ocr/jobs/" + token).status());
    }

    @Test
    void progressEventsEndWithDone() throws Exception {
        List<java.awt.image.BufferedImage> scans = List.of(TestDocuments.page(TestDocuments.ENGLISH, false, 0),
                TestDocuments.page(TestDocuments.ENGLISH, false, 0));
        String token = upload(api, "events.pdf", "application/pdf", TestDocuments.scannedPdf(scans.toArray(new java.awt.image.BufferedImage[0])));
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestServer.uri("/v1/ocr/jobs/" + token + "/events"))
                .header("Authorization", "Bearer " + key.secret()).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        String data = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).strip());
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
        }
        assertFalse(events.isEmpty());
        assertEquals("done", events.get(events.size() - 1), events.toString());
        JsonNode last = Api.JSON.readTree(data);
        assertEquals(100, last.get("progress").asInt());
        assertEquals(2, last.get("pages_done").asInt());
    }
}
