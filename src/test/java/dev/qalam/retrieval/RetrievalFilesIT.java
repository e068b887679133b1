package dev.qalam.retrieval;

import static dev.qalam.retrieval.Collections.BASE;
import static dev.qalam.retrieval.Collections.ask;
import static dev.qalam.retrieval.Collections.create;
import static dev.qalam.retrieval.Collections.ingestFile;
import static dev.qalam.retrieval.Collections.ready;
import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.OfficeDocuments;
import dev.qalam.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingestion of real files over HTTP: DOCX split on page breaks, PPTX by slide, PDF by its text layer and by OCR
 * (charged to the OCR page balance, 402 when short), each question finding its document and page first.
 */
class RetrievalFilesIT {

    static Api api;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        api = Keys.create("alretrieval").api();
    }

    static long ocrBalance(Keys.TestKey key) {
        for (JsonNode k : Api.admin().get("/v1/admin/keys").json().get("keys")) {
            if (k.get("id").asText().equals(key.id())) {
                return k.get("ocr_page_balance").asLong();
            }
        }
        throw new AssertionError("key not listed");
    }

    @Test
    void docxPagesAndHeadingsAreKept() {
        String c = create(api);
        byte[] docx = OfficeDocuments.docx()
                .title("Staff handbook")
                .heading(1, "Payroll")
                .paragraph("Salaries are paid on the twenty-fifth of every month by bank transfer.")
                .pageBreak()
                .heading(1, "Holidays")
                .paragraph("Every employee receives thirty vacation days a year, and unused days expire in March.")
                .bytes();
        String doc = ingestFile(api, c, "handbook.docx", docx, Map.of("metadata", "{\"kind\":\"policy\"}"));
        ready(api, c, doc);
        JsonNode top = ask(api, c, "How many vacation days does an employee get?").get("context").get(0);
        assertEquals(doc, top.get("document_id").asText());
        assertEquals(2, top.get("page_start").asInt(), top.toString());
        assertEquals("Holidays", top.get("title").asText(), top.toString());
        JsonNode listed = api.get(BASE + "/" + c + "/documents").json().get("documents").get(0);
        assertEquals(2, listed.get("pages").asInt());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", listed.get("mime_type").asText());
        assertEquals("policy", listed.get("metadata").get("kind").asText());
    }

    @Test
    void pptxSlidesArePages() {
        String c = create(api);
        byte[] pptx = OfficeDocuments.pptx()
                .slide("Quarterly results", "Revenue grew by eight percent.")
                .slide("مشاريع جديدة", "افتتحت الشركة مصنعا جديدا في مدينة جدة هذا العام")
                .slide("Hiring plan", "We will hire forty engineers next year.")
                .bytes();
        String doc = ingestFile(api, c, "deck.pptx", pptx, null);
        ready(api, c, doc);
        JsonNode ar = ask(api, c, "أين افتتحت الشركة المصنع الجديد؟").get("context").get(0);
        assertEquals(2, ar.get("page_start").asInt(), ar.toString());
        assertEquals("مشاريع جديدة", ar.get("title").asText());
        JsonNode en = ask(api, c, "How many engineers will be hired?").get("context").get(0);
        assertEquals(3, en.get("page_start").asInt(), en.toString());
    }

    @Test
    void pdfTextLayerAndScannedPagesAreReadAndCharged() {
        Keys.TestKey key = Keys.create(null, 3L, null, "alretrieval");
        Api k = key.api();
        String c = create(k);
        byte[] digital = TestDocuments.bornDigitalPdf(List.of(
                List.of("Annual report of the northern district.", "The district opened two new schools."),
                TestDocuments.ENGLISH));
        String d1 = ingestFile(k, c, "report.pdf", digital, null);
        ready(k, c, d1);
        JsonNode inv = ask(k, c, "When are invoices payable?").get("context").get(0);
        assertEquals(d1, inv.get("document_id").asText());
        assertEquals(2, inv.get("page_start").asInt(), inv.toString());
        assertEquals(1, ocrBalance(key), "a PDF's pages are charged to the OCR page balance");

        byte[] twoPages = TestDocuments.scannedPdf(TestDocuments.page(TestDocuments.ENGLISH, false, 0),
                TestDocuments.page(TestDocuments.ARABIC, true, 0));
        assertError(k.multipart(BASE + "/" + c + "/documents/ingest", "file", "scan.pdf", "application/pdf", twoPages),
                402, "insufficient_ocr_balance");
        String text = ingestFile(k, c, "notes.txt", "Text files cost no OCR pages.".getBytes(StandardCharsets.UTF_8), null);
        ready(k, c, text);
        assertEquals(1, ocrBalance(key), "text is not charged");
    }

    @Test
    void scannedArabicPdfIsFoundThroughOcr() {
        String c = create(api);
        byte[] pdf = TestDocuments.scannedPdf(TestDocuments.page(TestDocuments.ENGLISH, false, 0),
                TestDocuments.page(TestDocuments.ARABIC, true, 0));
        String doc = ingestFile(api, c, "مسح.pdf", pdf, null);
        ready(api, c, doc);
        JsonNode top = ask(api, c, "مرحبا بكم في مدينة الرياض").get("context").get(0);
        assertEquals(doc, top.get("document_id").asText());
        assertEquals(2, top.get("page_start").asInt(), top.toString());
        assertEquals("مسح.pdf", api.get(BASE + "/" + c + "/documents").json().get("documents").get(0).get("filename").asText());
    }

    @Test
    void brokenFilesAreRefusedAtUpload() {
        String c = create(api);
        String ingest = BASE + "/" + c + "/documents/ingest";
        assertError(api.multipart(ingest, "file", "broken.docx", "application/octet-stream",
                new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8}), 400, null);
        assertError(api.multipart(ingest, "file", "locked.pdf", "application/pdf", TestDocuments.encryptedPdf()), 400, "encrypted_pdf");
        assertError(api.multipart(ingest, "file", "scan.png", "image/png",
                TestDocuments.png(TestDocuments.page(TestDocuments.ENGLISH, false, 0))), 400, "unsupported_file_type");
        assertEquals(0, api.get(BASE + "/" + c + "/documents").json().get("documents").size());
    }
}
