package dev.qalam.document.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.document.Images;
import dev.qalam.ocr.TestDocuments;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules, tables and cells found on generated scans, without the OCR engine. */
class RuledLayoutTest {

    private static RuledLayout.Layout analyse(BufferedImage img) {
        BufferedImage gray = Images.toGray(img);
        byte[] px = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        return RuledLayout.analyse(px, gray.getWidth(), gray.getHeight());
    }

    @Test
    void arabicTableHasItsGridAndCells() {
        RuledLayout.Layout l = analyse(TestDocuments.table("قائمة الأسعار", TestDocuments.ARABIC_TABLE, true, 200, 0));
        assertEquals(1, l.tables().size(), l.rules().toString());
        RuledLayout.Table t = l.tables().get(0);
        assertEquals(5, t.rows());
        assertEquals(3, t.columns());
        assertEquals(5, t.cellRows().size());
        t.cellRows().forEach(r -> assertEquals(3, r.size()));
        // Every rule is erased: no ink left along the table's outline.
        RuledLayout.Box b = t.box();
        int inkOnTop = RuledLayout.inkIn(l, new RuledLayout.Box(b.x(), b.y() - 1, b.width(), 3));
        assertEquals(0, inkOnTop, "the top rule is erased");
        // The text is not: each body cell keeps its ink.
        for (List<RuledLayout.Cell> row : t.cellRows()) {
            for (RuledLayout.Cell c : row) {
                assertTrue(RuledLayout.inkIn(l, c.box()) > 20, "cell " + c + " keeps its text");
            }
        }
    }

    @Test
    void skewedNoisyJpegTableStillHasItsGrid() {
        BufferedImage scan = TestDocuments.jpegged(TestDocuments.noisy(
                TestDocuments.table("Price list", TestDocuments.ENGLISH_TABLE, false, 300, 0), 0.002, 7), 0.6f);
        RuledLayout.Layout l = analyse(scan);
        assertEquals(1, l.tables().size(), l.rules().toString());
        assertEquals(5, l.tables().get(0).rows());
        assertEquals(3, l.tables().get(0).columns());
    }

    @Test
    void textWithoutRulesHasNone() {
        // Arabic words sit on long connected baselines; they are not rules.
        RuledLayout.Layout ar = analyse(TestDocuments.page(TestDocuments.ARABIC, true, 0));
        assertTrue(ar.rules().isEmpty(), ar.rules().toString());
        RuledLayout.Layout two = analyse(TestDocuments.twoColumns(TestDocuments.ARABIC, TestDocuments.ARABIC, true, 150));
        assertTrue(two.rules().isEmpty(), two.rules().toString());
        assertTrue(analyse(TestDocuments.page(TestDocuments.ENGLISH, false, 0)).rules().isEmpty());
    }

    @Test
    void twoColumnsHaveAGutterOneColumnHasNone() {
        BufferedImage two = Images.toGray(TestDocuments.twoColumns(TestDocuments.ARABIC, TestDocuments.ARABIC, true, 150));
        byte[] px = ((DataBufferByte) two.getRaster().getDataBuffer()).getData();
        RuledLayout.Box gutter = Columns.gutter(px, two.getWidth(), two.getHeight()).orElseThrow();
        assertTrue(Math.abs(gutter.x() + gutter.width() / 2 - two.getWidth() / 2) < two.getWidth() / 10, gutter.toString());
        BufferedImage one = Images.toGray(TestDocuments.page(TestDocuments.ARABIC, true, 0));
        assertTrue(Columns.gutter(((DataBufferByte) one.getRaster().getDataBuffer()).getData(), one.getWidth(), one.getHeight()).isEmpty());
        BufferedImage en = Images.toGray(TestDocuments.page(TestDocuments.ENGLISH, false, 0));
        assertTrue(Columns.gutter(((DataBufferByte) en.getRaster().getDataBuffer()).getData(), en.getWidth(), en.getHeight()).isEmpty());
    }

    @Test
    void aMissingSeparatorMakesASpanningCell() {
        // A two-row grid whose middle rule stops at the first row: the second row is one cell across.
        List<RuledLayout.Rule> rules = List.of(
                new RuledLayout.Rule(true, 0, 400, 0, 1), new RuledLayout.Rule(true, 0, 400, 100, 101),
                new RuledLayout.Rule(true, 0, 400, 200, 201),
                new RuledLayout.Rule(false, 0, 200, 0, 1), new RuledLayout.Rule(false, 0, 200, 399, 400),
                new RuledLayout.Rule(false, 0, 100, 200, 201));
        List<RuledLayout.Table> tables = RuledLayout.tables(rules, 40);
        assertEquals(1, tables.size());
        assertEquals(2, tables.get(0).cellRows().get(0).size());
        assertEquals(1, tables.get(0).cellRows().get(1).size());
        assertEquals(2, tables.get(0).cellRows().get(1).get(0).columnSpan());
    }

    @Test
    void tableRowsReadRightToLeftInArabic() {
        assertTrue(PageBlock.rightToLeft(List.of("الصنف", "Qty", "٥"), false));
        assertTrue(!PageBlock.rightToLeft(List.of("Item", "Qty", "5"), true));
        assertTrue(PageBlock.rightToLeft(List.of("5", "10"), true), "numbers only: the page's direction");
        PageBlock t = PageBlock.table(new PageBlock.Bounds(0, 0, 1, 1), List.of(List.of("a", "b"), List.of("", ""), List.of("c", "")));
        assertEquals("a | b\nc |", t.text());
    }
}
