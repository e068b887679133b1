package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.qalam.search.analysis.KeywordNormalizer;
import java.util.Map;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

    @Test
    void englishIsLowerCasedStemmedAndLosesStopWordsAndPossessives() {
        assertEquals(List.of("compani", "invoic", "paid", "within", "thirti", "dai"),
                TextAnalysis.terms("What are the company's Invoices paid within THIRTY days?"));
    }

    @Test
    void arabicLetterFormsDiacriticsAndTatweelAreNormalised() {
        // أحمد / احمد, إلى / الى (a stop word in both forms), مكتبـــة with tatweel and taa marbuta, diacritics.
        assertEquals(TextAnalysis.terms("احمد ذهب الى المكتبه"), TextAnalysis.terms("أحمد ذَهَبَ إلى المكتبـــة"));
        assertEquals(List.of("احمد", "ذهب", "مكتب"), TextAnalysis.terms("أحمد ذَهَبَ إلى المكتبـــة"));
    }

    @Test
    void arabicIsLightlyStemmed() {
        // The article and conjunction prefixes and plural/feminine suffixes go: المدرسة, والمدارس, مدرستها.
        assertEquals(List.of("مدرس", "مدارس"), TextAnalysis.terms("المدرسة والمدارس"));
        assertEquals(TextAnalysis.terms("الكتاب"), TextAnalysis.terms("بالكتاب"));
    }

    @Test
    void digitsOfEveryScriptBecomeAscii() {
        assertEquals(List.of("2024", "45", "123"), TextAnalysis.terms("٢٠٢٤ ۴۵ 123"));
    }

    @Test
    void persianLetterFormsFromOcrMatchArabic() {
        // Farsi yeh (ی) and keheh (ک), which Tesseract emits for Arabic yaa and kaf.
        assertEquals(TextAnalysis.terms("كتابي"), TextAnalysis.terms("کتابی"));
    }

    @Test
    void mixedArabicAndEnglishTextIsAnalysedPerScript() {
        assertEquals(List.of("عقد", "licens", "برنامج", "qalam"), TextAnalysis.terms("عقد licenses للبرنامج Qalam"));
    }

    @Test
    void stopWordsAreNormalisedAsTheTextIs() {
        assertTrue(TextAnalysis.stopWordSet().contains("الي"), "إلى/الى normalise to الي");
        assertTrue(TextAnalysis.stopWordSet().contains("what"));
        assertEquals(List.of(), TextAnalysis.terms("في من على إلى what is the"));
    }

    @Test
    void directionMarksAndPresentationFormsInsideWordsDoNotSplitOrChangeTerms() {
        assertEquals(TextAnalysis.terms("الرياض invoice"), TextAnalysis.terms("الري\u200Fاض inv\u200Eoice"));
        // سلام stored as presentation forms (ﺳﻼﻡ), as some PDFs do.
        assertEquals(TextAnalysis.terms("سلام"), TextAnalysis.terms("\uFEB3\uFEFC\uFEE1"));
    }

    @Test
    void questionWordsSayNothing() {
        assertEquals(List.of("invoic", "riyadh"), TextAnalysis.terms("Can you please tell me which invoices Riyadh has?"));
        assertEquals(TextAnalysis.terms("عاصمه السعوديه"), TextAnalysis.terms("ماذا هل عاصمة السعودية؟"));
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "\u200Fالرياض \u200Einvoices";
        List<String> words = new java.util.ArrayList<>();
        TextAnalysis.forEachToken(text, (term, start, end) -> words.add(text.substring(start, end)));
        assertEquals(List.of("الرياض", "invoices"), words.stream().map(w -> w.replace("\u200F", "").replace("\u200E", "")).toList());
    }

    @Test
    void scoringIsBm25WithLuceneAndOpenSearchDefaults() {
        BM25Similarity s = (BM25Similarity) TextAnalysis.similarity();
        assertEquals(1.2f, s.getK1());
        assertEquals(0.75f, s.getB());
    }

    @Test
    void openSearchSettingsNameTheSameChain() {
        Map<String, Object> settings = TextAnalysis.openSearchSettings();
        @SuppressWarnings("unchecked")
        Map<String, Object> analyzer = (Map<String, Object>) ((Map<String, Object>) settings.get("analyzer")).get(TextAnalysis.ANALYZER);
        assertEquals("standard", analyzer.get("tokenizer"));
        assertEquals(List.of("qalam_chars"), analyzer.get("char_filter"));
        assertEquals(List.of("qalam_possessive", "lowercase", "decimal_digit", "persian_normalization",
                "arabic_normalization", "qalam_stop", "arabic_stem", "porter_stem"), analyzer.get("filter"));
    }

    @Test
    void keywordsAreNormalisedWithoutSplittingOrStemming() {
        assertEquals("alabama", KeywordNormalizer.normalize("  Alabama "));
        assertEquals(KeywordNormalizer.normalize("جده"), KeywordNormalizer.normalize("جدة"));
        assertEquals("2024-10-30", KeywordNormalizer.normalize("٢٠٢٤-١٠-٣٠"));
        assertEquals("new york city", KeywordNormalizer.normalize("New York City"));
    }
}
