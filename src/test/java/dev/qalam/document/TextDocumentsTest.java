package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.OfficeDocuments;
import dev.qalam.text.Block;
import dev.qalam.text.PageText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOCX, PPTX, text and Markdown files to pages, on files generated here, in Arabic and English. */
class TextDocumentsTest {

    @TempDir
    Path dir;

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    List<PageText> pages(Path file, DocumentKind kind) throws Exception {
        List<PageText> out = new ArrayList<>();
        try (DocumentPageExtractor x = DocumentPageExtractor.open(file, kind, null, DocumentPageExtractor.Settings.defaults())) {
            for (int i = 1; i <= x.pageCount(); i++) {
                ExtractedPage p = x.extract(i);
                assertEquals(ExtractedPage.Method.TEXT, p.method());
                assertNull(p.imagePng());
                out.add(p.content());
            }
        }
        assertEquals(out.size(), DocumentPageExtractor.countPages(file, kind, DocumentLimits.defaults(), 2000));
        return out;
    }

    static List<String> texts(PageText page) {
        return page.blocks().stream().map(b -> (b.isHeading() ? "H" + b.level() + ":" : "") + b.text()).toList();
    }

    @Test
    void docxPagesAreSplitOnPageBreaksAndKeepHeadings() throws Exception {
        byte[] docx = OfficeDocuments.docx()
                .title("Annual Report 2024")
                .heading(1, "Revenue")
                .paragraph("Revenue grew by twelve percent.")
                .paragraphBrokenBy("The Riyadh office", "opened in March.")
                .heading(2, "الإيرادات في الرياض")
                .paragraph("ارتفعت الإيرادات بنسبة اثني عشر بالمئة.")
                .table(new String[] {"Region", "Revenue"}, new String[] {"الرياض", "4,500"})
                .pageBreak()
                .localizedHeading2("Outlook")
                .paragraphOnNewPage("A page of its own.")
                .bytes();
        Path file = write("report.bin", docx);
        assertEquals(Optional.of(DocumentKind.DOCX), DocumentTypes.detect(file, "report.bin", DocumentLimits.defaults()));
        List<PageText> pages = pages(file, DocumentKind.DOCX);
        assertEquals(4, pages.size());
        assertEquals(List.of("H0:Annual Report 2024", "H1:Revenue", "Revenue grew by twelve percent.", "The Riyadh office"),
                texts(pages.get(0)));
        assertEquals(List.of("opened in March.", "H2:الإيرادات في الرياض", "ارتفعت الإيرادات بنسبة اثني عشر بالمئة.",
                "Region | Revenue\nالرياض | 4,500"), texts(pages.get(1)));
        assertEquals(List.of("H2:Outlook"), texts(pages.get(2)));
        assertEquals(List.of("A page of its own."), texts(pages.get(3)));
        assertEquals(List.of(1, 2, 3, 4), pages.stream().map(PageText::pageNum).toList());
        assertFalse(pages.get(0).standalone());
    }

    @Test
    void aDocxWithoutBreaksIsOnePageAndSectionBreaksCount() throws Exception {
        assertEquals(1, pages(write("one.docx", OfficeDocuments.docx().paragraph("Only one page.").paragraph("Still it.")
                .bytes()), DocumentKind.DOCX).size());
        List<PageText> sections = pages(write("sections.docx", OfficeDocuments.docx()
                .paragraphEndingSection("First section.", false).paragraph("Second section.").bytes()), DocumentKind.DOCX);
        assertEquals(List.of(List.of("First section."), List.of("Second section.")), sections.stream().map(TextDocumentsTest::texts).toList());
        List<PageText> continuous = pages(write("continuous.docx", OfficeDocuments.docx()
                .paragraphEndingSection("First section.", true).paragraph("Same page.").bytes()), DocumentKind.DOCX);
        assertEquals(1, continuous.size());
    }

    @Test
    void pptxHasAPagePerSlideWithItsTitle() throws Exception {
        byte[] pptx = OfficeDocuments.pptx()
                .slide("Quarterly results", "Revenue up 12%", "Costs down 3%")
                .slide("نتائج الربع الأول", "ارتفعت الإيرادات", "انخفضت التكاليف")
                .untitledSlide("A note without a title.")
                .slideWithTableAndGroup("Regions", new String[][] {{"Region", "Revenue"}, {"Jeddah", "3,100"}},
                        "Grouped one", "Grouped two")
                .bytes();
        Path file = write("deck", pptx);
        assertEquals(Optional.of(DocumentKind.PPTX), DocumentTypes.detect(file, null, DocumentLimits.defaults()));
        List<PageText> slides = pages(file, DocumentKind.PPTX);
        assertEquals(4, slides.size());
        assertEquals(List.of("H1:Quarterly results", "Revenue up 12%\nCosts down 3%"), texts(slides.get(0)));
        assertEquals(List.of("H1:نتائج الربع الأول", "ارتفعت الإيرادات\nانخفضت التكاليف"), texts(slides.get(1)));
        assertEquals(List.of("A note without a title."), texts(slides.get(2)));
        assertEquals(List.of("H1:Regions", "Region | Revenue\nJeddah | 3,100", "Grouped one", "Grouped two"),
                texts(slides.get(3)));
        assertTrue(slides.stream().allMatch(PageText::standalone));
    }

    @Test
    void textFilesMustBeUtf8AndAreOnePage() throws Exception {
        String text = "\uFEFFالفاتورة رقم ١٢٣ مستحقة.\r\nThe invoice is due.\n\n\nSecond paragraph.";
        Path txt = write("notes.txt", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(DocumentKind.TEXT), DocumentTypes.detect(txt, "notes.txt", DocumentLimits.defaults()));
        List<PageText> pages = pages(txt, DocumentKind.TEXT);
        assertEquals(1, pages.size());
        assertEquals(List.of("الفاتورة رقم ١٢٣ مستحقة.\nThe invoice is due.", "Second paragraph."), texts(pages.get(0)));

        Path latin1 = write("latin1.txt", "café crème".getBytes(StandardCharsets.ISO_8859_1));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(latin1, DocumentKind.TEXT, DocumentLimits.defaults(), 10));
        assertEquals("invalid_utf8", e.code());
        assertEquals("The file is not valid UTF-8 text; save it as UTF-8 and upload it again.", e.getMessage());
        Path cp1256 = write("arabic-ansi.txt", "مرحبا".getBytes(java.nio.charset.Charset.forName("windows-1256")));
        assertEquals("invalid_utf8", assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(cp1256, DocumentKind.TEXT, DocumentLimits.defaults(), 10)).code());
        Path blank = write("blank.txt", " \n\n ".getBytes(StandardCharsets.UTF_8));
        assertEquals("empty_content", assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(blank, DocumentKind.TEXT, DocumentLimits.defaults(), 10)).code());
        assertEquals(Optional.empty(), DocumentTypes.detect(txt, "notes.csv", DocumentLimits.defaults()));
    }

    @Test
    void markdownHeadingsAreStructure() throws Exception {
        String md = """
                # دليل المستخدم #

                مقدمة قصيرة.

                Setup
                =====

                Install it first.

                ## Configuration

                ```
                # not a heading, a shell comment
                export X=1
                ```

                ---

                Last words.
                """;
        Path file = write("guide.md", md.getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(DocumentKind.MARKDOWN), DocumentTypes.detect(file, "guide.md", DocumentLimits.defaults()));
        List<String> blocks = texts(pages(file, DocumentKind.MARKDOWN).get(0));
        assertEquals(List.of("H1:دليل المستخدم", "مقدمة قصيرة.", "H1:Setup", "Install it first.", "H2:Configuration",
                "```\n# not a heading, a shell comment\nexport X=1\n```", "Last words."), blocks);
    }

    @Test
    void zipArchivesThatAreNotOfficeDocumentsAreUnsupportedAndBrokenOnesInvalid() throws Exception {
        Path zip = write("data.zip", zip(List.of("readme.txt"), 10));
        assertEquals(Optional.empty(), DocumentTypes.detect(zip, "data.zip", DocumentLimits.defaults()));
        byte[] docx = OfficeDocuments.docx().paragraph("x").bytes();
        Path truncated = write("broken.docx", java.util.Arrays.copyOf(docx, docx.length / 2));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> DocumentTypes.detect(truncated, "broken.docx", DocumentLimits.defaults()));
        assertEquals("invalid_docx", e.code());
        assertEquals("The DOCX file cannot be read.", e.getMessage());
        // Where DOCX is not accepted (the OCR API), the archive is not even opened: it is unsupported.
        assertEquals(Optional.empty(), DocumentTypes.detect(truncated, "broken.docx", DocumentLimits.defaults(),
                java.util.EnumSet.of(DocumentKind.PDF, DocumentKind.PNG)));
        Path legacy = write("old.doc", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        assertEquals(Optional.empty(), DocumentTypes.detect(legacy, "old.doc", DocumentLimits.defaults()));
    }

    @Test
    void archiveBoundsRefuseZipBombsAndHugePackages() throws Exception {
        // One XML part of 20 MB of spaces: it inflates a thousandfold, past POI's hundredfold.
        Path bomb = write("bomb.docx", zip(List.of("[Content_Types].xml", "word/document.xml"), 20 * 1024 * 1024));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(bomb, DocumentKind.DOCX, DocumentLimits.defaults(), 10));
        assertInstanceOf(DocumentLimitException.class, e, e.getMessage());
        assertEquals("document_too_large", e.code());

        DocumentLimits few = new DocumentLimits(DocumentLimits.MB, 5, DocumentLimits.MB, DocumentLimits.MB, 0.01, 1000);
        Path many = write("many.docx", zip(List.of("a.xml", "b.xml", "c.xml", "d.xml", "e.xml", "f.xml"), 10));
        assertEquals("document_too_large", assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(many, DocumentKind.DOCX, few, 10)).code());

        // Plenty of real text: over a small text bound, and over a small bound on all XML parts together.
        OfficeDocuments.Docx big = OfficeDocuments.docx();
        for (int i = 0; i < 400; i++) {
            big.paragraph("Paragraph " + i + " of a long report about revenue, costs and the Riyadh office.");
        }
        Path bigFile = write("big.docx", big.bytes());
        DocumentLimits text = new DocumentLimits(DocumentLimits.MB, 1000, 10 * DocumentLimits.MB, 10 * DocumentLimits.MB, 0.01, 5000);
        assertTrue(assertThrows(DocumentLimitException.class,
                () -> DocumentPageExtractor.countPages(bigFile, DocumentKind.DOCX, text, 10)).getMessage()
                .contains("more than 5000 characters"));
        DocumentLimits xml = new DocumentLimits(DocumentLimits.MB, 1000, 10 * DocumentLimits.MB, 20_000, 0.01, 1_000_000);
        assertEquals("document_too_large", assertThrows(DocumentLimitException.class,
                () -> DocumentPageExtractor.countPages(bigFile, DocumentKind.DOCX, xml, 10)).code());
    }

    @Test
    void anOfficeFileWithoutTextIsEmpty() throws Exception {
        Path empty = write("empty.docx", OfficeDocuments.docx().bytes());
        assertEquals("empty_content", assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(empty, DocumentKind.DOCX, DocumentLimits.defaults(), 10)).code());
    }

    @Test
    void blocksAndPageTextAgree() {
        PageText p = new PageText(3, List.of(Block.heading(1, "Title"), Block.paragraph("Body.")), false);
        assertEquals("Title\n\nBody.", p.text());
        assertEquals("one\n\ntwo", PageText.plain(1, "one\n\n\n  two ").text());
    }

    /** A ZIP archive of the given entries, each {@code size} bytes of spaces. */
    static byte[] zip(List<String> names, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : names) {
                z.putNextEntry(new ZipEntry(name));
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int left = size; left > 0; left -= chunk.length) {
                    z.write(chunk, 0, Math.min(left, chunk.length));
                }
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
