package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.ocr.TestDocuments;
import dev.qalam.text.CharacterErrorRate;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extractor on real documents made here, with the real Tesseract: accuracy, not just non-empty text. */
class DocumentPageExtractorTest {

    static TesseractEngine engine;

    @BeforeAll
    static void start() {
        engine = new TesseractEngine(TesseractEngine.detectDatapath(java.util.Optional.empty()), "ara+eng");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ExtractedPage extract(byte[] doc, DocumentKind kind, int page) throws Exception {
        try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(doc), kind, engine,
                DocumentPageExtractor.Settings.defaults())) {
            return x.extract(page);
        }
    }

    @Test
    void scannedEnglishImage() throws Exception {
        ExtractedPage p = extract(TestDocuments.png(TestDocuments.page(TestDocuments.ENGLISH, false, 0)), DocumentKind.PNG, 1);
        double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ENGLISH), p.text());
        assertTrue(cer < 0.02, "English CER " + cer + ": " + p.text());
        assertEquals(ExtractedPage.Method.OCR, p.method());
        assertEquals(3, p.numSegments());
        assertNotNull(p.imagePng());
        assertNotNull(p.thumbnailPng());
    }

    @Test
    void scannedArabicPdf() throws Exception {
        byte[] pdf = TestDocuments.scannedPdf(TestDocuments.page(TestDocuments.ARABIC, true, 0));
        ExtractedPage p = extract(pdf, DocumentKind.PDF, 1);
        double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), p.text());
        assertTrue(cer < 0.05, "Arabic CER " + cer + ": " + p.text());
        assertEquals(ExtractedPage.Method.OCR, p.method());
    }

    @Test
    void skewedScanIsDeskewed() throws Exception {
        ExtractedPage p = extract(TestDocuments.png(TestDocuments.page(TestDocuments.ENGLISH, false, 3)), DocumentKind.PNG, 1);
        double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ENGLISH), p.text());
        assertTrue(cer < 0.02, "skewed English CER " + cer + ": " + p.text());
    }

    @Test
    void bornDigitalUsesTheTextLayer() throws Exception {
        byte[] pdf = TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH));
        ExtractedPage p = extract(pdf, DocumentKind.PDF, 1);
        assertEquals(ExtractedPage.Method.TEXT_LAYER, p.method());
        assertEquals(TestDocuments.text(TestDocuments.ENGLISH), p.text());
        assertEquals(3, p.numSegments());
    }

    @Test
    void mixedDocumentChoosesPerPage() throws Exception {
        byte[] pdf = TestDocuments.mixedPdf();
        try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(pdf), DocumentKind.PDF, engine,
                DocumentPageExtractor.Settings.defaults().withoutImages())) {
            assertEquals(2, x.pageCount());
            assertEquals(ExtractedPage.Method.TEXT_LAYER, x.extract(1).method());
            ExtractedPage arabic = x.extract(2);
            assertEquals(ExtractedPage.Method.OCR, arabic.method());
            double cer = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), arabic.text());
            assertTrue(cer < 0.05, "Arabic CER " + cer + ": " + arabic.text());
        }
    }

    @Test
    void everyFrameOfAMultiPageTiffIsAPage() throws Exception {
        byte[] tiff = TestDocuments.multiPageTiff(TestDocuments.page(TestDocuments.ENGLISH, false, 0),
                TestDocuments.page(TestDocuments.ARABIC, true, 0));
        assertEquals(2, DocumentPageExtractor.countPages(new ByteArrayInputStream(tiff), DocumentKind.TIFF));
        try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(tiff), DocumentKind.TIFF, engine,
                DocumentPageExtractor.Settings.defaults())) {
            assertEquals(2, x.pageCount());
            ExtractedPage english = x.extract(1);
            ExtractedPage arabic = x.extract(2);
            assertEquals(2, arabic.pageNum());
            double en = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ENGLISH), english.text());
            double ar = CharacterErrorRate.of(TestDocuments.text(TestDocuments.ARABIC), arabic.text());
            assertTrue(en < 0.02, "English CER " + en + ": " + english.text());
            assertTrue(ar < 0.05, "Arabic CER " + ar + ": " + arabic.text());
            assertNotNull(arabic.imagePng());
        }
    }

    private static ExtractedPage scan(java.awt.image.BufferedImage img) throws Exception {
        try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(TestDocuments.png(img)), DocumentKind.PNG,
                engine, DocumentPageExtractor.Settings.defaults().withoutImages())) {
            return x.extract(1);
        }
    }

    @Test
    void arabicPriceTableComesBackRowByRowRightToLeft() throws Exception {
        // 200 dpi, a little skewed, dusty and through a JPEG: the case of the table that came back without numbers.
        var img = TestDocuments.jpegged(TestDocuments.noisy(
                TestDocuments.table("قائمة الأسعار", TestDocuments.ARABIC_TABLE, true, 200, 0.8), 0.001, 3), 0.75f);
        ExtractedPage p = scan(img);
        String expected = "قائمة الأسعار\n" + TestDocuments.tableText(TestDocuments.ARABIC_TABLE);
        double cer = CharacterErrorRate.of(expected, p.text());
        // Before the layout analysis such a table read at 0.56: numbers missing, rows broken apart.
        assertTrue(cer < 0.3, "Arabic table CER " + cer + ": " + p.text());
        var table = p.layout().stream().filter(b -> b.type().equals("table")).findFirst().orElseThrow();
        assertEquals(5, table.rows().size());
        assertEquals(List.of("الصنف", "الكمية", "السعر"), table.rows().get(0));
        table.rows().forEach(r -> assertEquals(3, r.size()));
    }

    @Test
    void englishTableWithLatinDigitsIsExact() throws Exception {
        var img = TestDocuments.noisy(TestDocuments.table("Price list", TestDocuments.ENGLISH_TABLE, false, 300, -0.5), 0.001, 5);
        ExtractedPage p = scan(img);
        String expected = "Price list\n" + TestDocuments.tableText(TestDocuments.ENGLISH_TABLE);
        double cer = CharacterErrorRate.of(expected, p.text());
        assertTrue(cer < 0.03, "English table CER " + cer + ": " + p.text());
        assertEquals(2, p.layout().size(), "the title, then the table");
        assertEquals("table", p.layout().get(1).type());
    }

    @Test
    void twoArabicColumnsReadRightColumnFirst() throws Exception {
        List<String> second = List.of("نشكركم على حسن التعاون", "يرجى الاحتفاظ بهذه الوثيقة");
        var img = TestDocuments.noisy(TestDocuments.twoColumns(TestDocuments.ARABIC, second, true, 150), 0.0005, 9);
        ExtractedPage p = scan(img);
        String expected = TestDocuments.text(TestDocuments.ARABIC) + "\n" + TestDocuments.text(second);
        double cer = CharacterErrorRate.of(expected, p.text());
        // Tesseract alone joins the lines of the two columns across the gutter: CER 0.62.
        assertTrue(cer < 0.05, "two-column CER " + cer + ": " + p.text());
    }

    @Test
    void missingLanguageDataIsAnEngineFailure() {
        try (TesseractEngine broken = new TesseractEngine("/nonexistent/tessdata", "ara+eng")) {
            OcrEngineException e = assertThrows(OcrEngineException.class, broken::check);
            assertTrue(e.detail().contains("/nonexistent/tessdata"), e.detail());
            assertEquals(OcrEngineException.PUBLIC_MESSAGE, e.getMessage());
        }
    }

    @Test
    void encryptedAndCorruptPdfsAreRefusedClearly() {
        InvalidDocumentException enc = assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(new ByteArrayInputStream(TestDocuments.encryptedPdf()), DocumentKind.PDF));
        assertEquals("encrypted_pdf", enc.code());
        InvalidDocumentException bad = assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(new ByteArrayInputStream("%PDF-1.7\ngarbage".getBytes()), DocumentKind.PDF));
        assertEquals("invalid_pdf", bad.code());
        // The client reads Qalam's words; what PDFBox said is the cause, for the log.
        assertEquals("The PDF cannot be read.", bad.getMessage());
        assertNotNull(bad.getCause());
        InvalidDocumentException img = assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(new ByteArrayInputStream(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}), DocumentKind.PNG));
        assertEquals("invalid_image", img.code());
    }
}
