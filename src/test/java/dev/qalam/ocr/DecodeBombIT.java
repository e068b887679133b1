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
import dev.qalam.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs against the real server (the hardening issue's reproduction): refused cleanly, with the
 * server's memory flat and the server still reading documents afterwards.
 */
class DecodeBombIT {

    /** What a decoded bomb would add at the least (the PNG below is 763 MB decoded); noise stays far under. */
    static final long FLAT = 250L * 1024 * 1024;

    static Api api;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        api = Keys.create("ocr").api();
    }

    @Test
    void bombsAreRefusedAtUploadWithMemoryFlat() {
        byte[] png = TestDocuments.pngBomb(10_000, 10_000);
        assertTrue(png.length < 1_000_000, "a 0.78 MB file: " + png.length);
        byte[] pdf = TestDocuments.hugePagePdf(1_000_000);
        long before = TestServer.residentBytes();

        for (int i = 0; i < 3; i++) {
            Api.Reply r = api.multipart("/v1/ocr/upload", "file", "bomb.png", "image/png", png);
            assertError(r, 400, "image_too_large");
            assertTrue(r.json().at("/error/message").asText().contains("10000 x 10000 pixels at 8 bytes per pixel"), r.body());
            assertTrue(r.json().at("/error/message").asText().contains("at most 256 MB"), r.body());
            Api.Reply p = api.multipart("/v1/ocr/upload", "file", "poster.pdf", "application/pdf", pdf);
            assertError(p, 400, "page_too_large");
            assertTrue(p.json().at("/error/message").asText().contains("13889 x 13889 inches"), p.body());
        }

        long after = TestServer.residentBytes();
        long grown = after - before;
        System.out.printf("DecodeBombIT: server resident memory %d MB before six bomb uploads, %d MB after%n",
                before / (1024 * 1024), after / (1024 * 1024));
        assertTrue(grown < FLAT, "resident memory grew by " + grown / (1024 * 1024) + " MB");
        assertEquals(200, Api.anonymous().get("/health/ready").status());
        String token = upload(api, "after.pdf", "application/pdf", TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH)));
        assertEquals(TestDocuments.text(TestDocuments.ENGLISH), OcrJobs.text(done(api, token), 1));
    }

    /** What only rendering meets (an inline image in the page's content) ends the job with an error naming the limit. */
    @Test
    void aBombMetOnlyWhileRenderingFailsTheJobForGood() {
        String token = upload(api, "inline.pdf", "application/pdf", inlineImagePdf(20_000, 20_000));
        JsonNode job = finished(api, token, Duration.ofSeconds(120));
        assertEquals("error", job.get("status").asText(), job.toString());
        String error = job.get("error").asText();
        assertTrue(error.contains("20000 x 20000 pixels") && error.contains("at most 256 MB"), error);
        assertFalse(error.contains("Exception") || error.contains("pdfbox"), error);
        assertFalse(job.get("retryable").asBoolean(), job.toString());
        assertEquals(200, Api.anonymous().get("/health/ready").status());
    }

    /** A page whose content stream draws an inline image declaring {@code w} x {@code h} RGB pixels. */
    static byte[] inlineImagePdf(int w, int h) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            COSStream cs = doc.getDocument().createCOSStream();
            try (OutputStream os = cs.createRawOutputStream()) {
                os.write(("q 100 0 0 100 0 0 cm BI /W " + w + " /H " + h + " /BPC 8 /CS /RGB ID \u0000\u0000\u0000\nEI Q\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            page.setContents(new PDStream(cs));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
