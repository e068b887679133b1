package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void sentencesEndAtLatinAndArabicMarksAndAtLineBreaks() {
        assertEquals(List.of("Is it due?", "Yes.", "هل وصلت الفاتورة؟", "نعم وصلت.", "A heading", "Next line"),
                TextSplitter.sentences("Is it due? Yes. هل وصلت الفاتورة؟ نعم وصلت.\nA heading\n  Next line  "));
        assertEquals(List.of("4.5 SAR is the price"), TextSplitter.sentences("4.5 SAR is the price"));
    }

    @Test
    void spansPointIntoTheText() {
        String text = "  One. Two!\nThree";
        List<TextSplitter.Span> spans = TextSplitter.sentenceSpans(text);
        assertEquals("One.", text.substring(spans.get(0).start(), spans.get(0).end()));
        assertEquals("Three", text.substring(spans.get(2).start(), spans.get(2).end()));
    }

    @Test
    void longParagraphsAreCutAtSentenceEnds() {
        String para = "This sentence has exactly forty chars. ".repeat(30).strip();
        List<String> passages = TextSplitter.passages("Short one.\n\n" + para, 200);
        assertEquals("Short one.", passages.get(0));
        assertTrue(passages.size() > 5);
        for (String p : passages) {
            assertTrue(p.length() <= 200, p);
            assertTrue(p.endsWith("."), p);
        }
    }
}
