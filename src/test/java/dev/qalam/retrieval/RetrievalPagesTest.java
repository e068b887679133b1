package dev.qalam.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.document.ExtractedPage;
import dev.qalam.text.Block;
import dev.qalam.text.Chunk;
import dev.qalam.text.ChunkingOptions;
import dev.qalam.text.PageText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pages as stored (structure survives the round trip), how they are chunked, and chunk vectors as bytes. */
class RetrievalPagesTest {

    @Test
    void pageStructureSurvivesTheDatabase() {
        PageText page = new PageText(4, List.of(Block.heading(1, "العنوان"), Block.paragraph("نص الفقرة \"مقتبس\"\nسطر")), true);
        PageText back = PageCodec.read(4, PageCodec.write(page));
        assertEquals(page, back);
        assertEquals(new PageText(2, List.of(), false), PageCodec.read(2, null));
    }

    @Test
    void pdfAndGivenPagesAreChunkedPageByPageDocxRunsOn() {
        PageText one = PageText.plain(1, "Vans are serviced every spring.");
        PageText two = PageText.plain(2, "The safety course lasts two days.");
        List<RetrievalPage> pdf = List.of(
                RetrievalPages.extracted("d", new ExtractedPage(one, 1, 0, ExtractedPage.Method.TEXT_LAYER, null, null)),
                RetrievalPages.extracted("d", new ExtractedPage(two, 1, 0, ExtractedPage.Method.OCR, null, null)));
        List<Chunk> chunks = RetrievalPages.chunk(pdf, "Fleet", ChunkingOptions.defaults());
        assertEquals(2, chunks.size());
        assertEquals(2, chunks.get(1).pageStart());
        assertEquals(2, chunks.get(1).pageEnd());
        assertEquals("Fleet", chunks.get(0).title());

        List<Chunk> given = RetrievalPages.chunk(List.of(RetrievalPages.given("d", 1, "a b c."), RetrievalPages.given("d", 3, "d e f.")),
                "T", ChunkingOptions.defaults());
        assertEquals(List.of(1, 3), given.stream().map(Chunk::pageStart).toList());

        List<RetrievalPage> docx = List.of(
                RetrievalPages.extracted("d", new ExtractedPage(new PageText(1, List.of(Block.heading(1, "Payroll"),
                        Block.paragraph("Salaries are paid monthly.")), false), 2, 0, ExtractedPage.Method.TEXT, null, null)),
                RetrievalPages.extracted("d", new ExtractedPage(two, 1, 0, ExtractedPage.Method.TEXT, null, null)));
        List<Chunk> run = RetrievalPages.chunk(docx, "Handbook", ChunkingOptions.defaults());
        assertEquals(1, run.size(), "DOCX text runs on across a page break under its heading");
        assertEquals("Payroll", run.get(0).title());
        assertEquals(1, run.get(0).pageStart());
        assertEquals(2, run.get(0).pageEnd());
    }

    @Test
    void vectorsAreStoredAsLittleEndianFloats() {
        float[] v = {0.5f, -1.25f, 3e-7f};
        RetrievalChunk c = new RetrievalChunk("d", "c", 7, "t", "x", 1, 1, "en", "m", v);
        assertArrayEquals(v, c.vector());
        assertEquals("d:7", c.id());
        RetrievalChunk words = new RetrievalChunk("d", "c", 8, "t".repeat(2000), "x", 1, 1, "en", "m", null);
        assertNull(words.vector());
        assertNull(words.embeddingModel());
        assertEquals(RetrievalChunk.TITLE_LENGTH, words.title().length());
    }

    @Test
    void namesAreCleanedAndTitled() {
        assertEquals("report.pdf", CollectionService.safeName("C:\\docs\\report.pdf", "x"));
        assertEquals("document.txt", CollectionService.safeName(" \u0007 ", "document.txt"));
        assertEquals("تقرير", CollectionService.titleOf("تقرير.docx"));
        assertEquals(".env", CollectionService.titleOf(".env"));
        assertTrue(CollectionService.FILE_KINDS.size() == 5);
    }
}
