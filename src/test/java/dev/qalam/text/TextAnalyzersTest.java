package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class TextAnalyzersTest {

    static List<String> terms(Analyzer a, String text) {
        return TextAnalyzers.terms(a, text);
    }

    @Test
    void arabicIsNormalisedAndLightStemmed() {
        Analyzer ar = TextAnalyzers.arabic();
        // The same words however they are written: hamza, taa marbuta, alef maqsura, tatweel, harakat.
        assertEquals(terms(ar, "المدرسة الكبرى في الرياض"), terms(ar, "المدرسه الكبري فى الريـــاض"));
        assertEquals(terms(ar, "أحمد"), terms(ar, "احمد"));
        assertEquals(terms(ar, "مُحَمَّد"), terms(ar, "محمد"));
        // Light stemming: the article and plural suffixes go.
        assertEquals(terms(ar, "كتاب"), terms(ar, "الكتاب"));
        assertEquals(terms(ar, "معلم"), terms(ar, "المعلمون"));
        // Stop words.
        assertFalse(terms(ar, "في المدينة").contains("في"));
    }

    @Test
    void directionMarksInsideWordsDoNotSplitOrChangeTerms() {
        for (Analyzer a : List.of(TextAnalyzers.arabic(), TextAnalyzers.english(), TextAnalyzers.bilingual())) {
            assertEquals(terms(a, "الرياض invoice"), terms(a, "الري\u200Fاض inv\u200Eoice"));
        }
    }

    @Test
    void digitsOfEveryScriptMatchLatinDigits() {
        for (Analyzer a : List.of(TextAnalyzers.arabic(), TextAnalyzers.english(), TextAnalyzers.bilingual())) {
            assertEquals(List.of("2024"), terms(a, "٢٠٢٤"));
            assertEquals(List.of("2024"), terms(a, "۲۰۲۴"));
        }
    }

    @Test
    void englishIsStemmedWithPorter() {
        Analyzer en = TextAnalyzers.english();
        assertEquals(List.of("invoic", "paid", "within", "thirti", "dai"), terms(en, "Invoices are paid within thirty days"));
        assertEquals(List.of("compani", "report"), terms(en, "The company's reports"));
    }

    @Test
    void bilingualTreatsEachLanguageWithItsOwnRules() {
        Analyzer both = TextAnalyzers.bilingual();
        List<String> t = terms(both, "What are the invoices of الشركات in الرياض?");
        assertTrue(t.contains("invoic"), t.toString());
        assertTrue(t.contains(terms(TextAnalyzers.arabic(), "الشركات").get(0)), t.toString());
        assertFalse(t.contains("what"), t.toString());
    }

    @Test
    void theQueryNormalisationMatchesTheIndexTerms() {
        Analyzer ar = TextAnalyzers.arabic();
        BytesRef normalized = ar.normalize("text", "مدرسة\u200F");
        assertEquals("مدرسه", normalized.utf8ToString());
    }

    @Test
    void scoringIsLuceneBm25WithItsDefaults() {
        BM25Similarity s = (BM25Similarity) TextAnalyzers.similarity();
        assertEquals(1.2f, s.getK1());
        assertEquals(0.75f, s.getB());
    }
}
