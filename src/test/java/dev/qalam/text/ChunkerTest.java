package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    static PageText page(int n, Block... blocks) {
        return new PageText(n, List.of(blocks), false);
    }

    static PageText slide(int n, Block... blocks) {
        return new PageText(n, List.of(blocks), true);
    }

    static String sentences(String prefix, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            sb.append(sb.length() == 0 ? "" : " ").append(prefix).append(" sentence number ").append(i).append(" is here.");
        }
        return sb.toString();
    }

    final Chunker small = new Chunker(new ChunkingOptions(200, 60));

    @Test
    void headingsBecomeTitlesAndSectionsAreNeverMixed() {
        List<Chunk> chunks = new Chunker(ChunkingOptions.defaults()).chunk(List.of(
                page(1, Block.paragraph("Preface text."), Block.heading(1, "Revenue"), Block.paragraph("Revenue grew."),
                        Block.heading(2, "By region"), Block.paragraph("Riyadh led.")),
                page(2, Block.heading(1, "الإيرادات"), Block.paragraph("ارتفعت الإيرادات في الرياض."))), "report.docx");
        assertEquals(4, chunks.size());
        assertEquals(new Chunk(0, "report.docx", List.of(), 1, 1, "Preface text."), chunks.get(0));
        assertEquals(new Chunk(1, "Revenue", List.of("Revenue"), 1, 1, "Revenue grew."), chunks.get(1));
        assertEquals(new Chunk(2, "By region", List.of("Revenue", "By region"), 1, 1, "Riyadh led."), chunks.get(2));
        assertEquals(new Chunk(3, "الإيرادات", List.of("الإيرادات"), 2, 2, "ارتفعت الإيرادات في الرياض."), chunks.get(3));
    }

    @Test
    void aSectionRunsOnAcrossPagesAndPagesStayTrue() {
        List<Chunk> chunks = small.chunk(List.of(
                page(1, Block.heading(1, "Terms"), Block.paragraph(sentences("First", 3))),
                page(2, Block.paragraph(sentences("Second", 3))),
                page(3, Block.paragraph(sentences("Third", 3)))), null);
        assertTrue(chunks.size() >= 2, chunks.toString());
        for (Chunk c : chunks) {
            assertEquals("Terms", c.title());
            assertTrue(c.text().length() <= 200, c.text().length() + ": " + c.text());
            int first = c.text().startsWith("First") ? 1 : c.text().startsWith("Second") ? 2 : 3;
            int last = c.text().contains("Third") ? 3 : c.text().contains("Second") ? 2 : 1;
            assertEquals(first, c.pageStart(), c.toString());
            assertEquals(last, c.pageEnd(), c.toString());
        }
        assertTrue(chunks.stream().anyMatch(c -> c.pageStart() < c.pageEnd()), "one chunk spans a page break");
        assertEquals(1, chunks.get(0).pageStart());
        assertEquals(3, chunks.get(chunks.size() - 1).pageEnd());
        // Paragraphs of different pages are separated as paragraphs.
        assertTrue(chunks.stream().anyMatch(c -> c.text().contains("is here.\n\nSecond")), chunks.toString());
    }

    @Test
    void consecutiveChunksOverlapByWholeSentences() {
        List<Chunk> chunks = small.chunk(List.of(page(1, Block.paragraph(sentences("A", 12)))), "t");
        assertTrue(chunks.size() > 2);
        for (int i = 1; i < chunks.size(); i++) {
            String prev = chunks.get(i - 1).text();
            String next = chunks.get(i).text();
            // The next chunk starts with the previous one's last whole sentences, at most 60 characters of them.
            String overlap = "";
            for (int k = Math.min(prev.length(), next.length()); k > 0; k--) {
                if (next.charAt(k - 1) == '.' && prev.endsWith(next.substring(0, k))) {
                    overlap = next.substring(0, k);
                    break;
                }
            }
            assertTrue(!overlap.isEmpty() && overlap.length() <= 60, prev + " / " + next);
            assertTrue(overlap.startsWith("A sentence"), overlap);
        }
        List<Chunk> none = new Chunker(new ChunkingOptions(200, 0)).chunk(List.of(page(1, Block.paragraph(sentences("A", 12)))), "t");
        int total = none.stream().mapToInt(c -> c.text().length()).sum() + none.size() - 1;
        assertEquals(sentences("A", 12).length(), total, "without overlap the chunks are the text, cut");
    }

    @Test
    void slidesStandAlone() {
        List<Chunk> chunks = new Chunker(ChunkingOptions.defaults()).chunk(List.of(
                slide(1, Block.heading(1, "Quarterly results")),
                slide(2, Block.heading(1, "Revenue"), Block.paragraph("Up 12%.")),
                slide(3, Block.paragraph("A note without a title."))), "deck.pptx");
        assertEquals(List.of(
                new Chunk(0, "Quarterly results", List.of("Quarterly results"), 1, 1, "Quarterly results"),
                new Chunk(1, "Revenue", List.of("Revenue"), 2, 2, "Up 12%."),
                new Chunk(2, "deck.pptx", List.of(), 3, 3, "A note without a title.")), chunks);
    }

    @Test
    void aHeadingWithoutBodyIsKeptUnlessASubheadingFollows() {
        List<Chunk> chunks = new Chunker(ChunkingOptions.defaults()).chunk(List.of(page(1,
                Block.heading(1, "Chapter 1"), Block.heading(2, "Intro"), Block.paragraph("Text."),
                Block.heading(2, "Empty section"), Block.heading(2, "Next"), Block.paragraph("More."))), null);
        assertEquals(List.of("Text.", "Empty section", "More."), chunks.stream().map(Chunk::text).toList());
        assertEquals(List.of("Chapter 1", "Intro"), chunks.get(0).headings());
    }

    @Test
    void longSentencesAreCutAtSpacesAndLongWordsAnyway() {
        String words = "word ".repeat(100).strip();
        String blob = "x".repeat(450);
        List<Chunk> chunks = small.chunk(List.of(page(1, Block.paragraph(words), Block.paragraph(blob))), "t");
        for (Chunk c : chunks) {
            assertTrue(c.text().length() <= 200, c.text());
            assertTrue(!c.text().startsWith(" ") && !c.text().endsWith(" "));
        }
        assertTrue(chunks.stream().anyMatch(c -> c.text().equals("x".repeat(200))));
    }

    @Test
    void arabicSentencesEndAtTheArabicQuestionMark() {
        String text = "ما هي عاصمة المملكة العربية السعودية؟ الرياض هي العاصمة. ".repeat(8).strip();
        List<Chunk> chunks = small.chunk(List.of(page(4, Block.paragraph(text))), "ar");
        assertTrue(chunks.size() > 1);
        for (Chunk c : chunks) {
            assertTrue(c.text().endsWith("؟") || c.text().endsWith("."), c.text());
            assertEquals(4, c.pageStart());
        }
    }

    @Test
    void emptyPagesAndBlankBlocksGiveNothingAndIndexesAreSequential() {
        List<Chunk> chunks = small.chunk(List.of(page(1), page(2, Block.paragraph("  ")), page(3, Block.paragraph(sentences("B", 10)))), "t");
        List<Integer> indexes = new ArrayList<>();
        chunks.forEach(c -> indexes.add(c.index()));
        for (int i = 0; i < indexes.size(); i++) {
            assertEquals(i, indexes.get(i));
        }
        assertTrue(chunks.stream().allMatch(c -> c.pageStart() == 3));
        assertEquals(chunks, small.chunk(List.of(page(1), page(2, Block.paragraph("  ")), page(3, Block.paragraph(sentences("B", 10)))), "t"));
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkingOptions(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkingOptions(200, 150));
    }
}
