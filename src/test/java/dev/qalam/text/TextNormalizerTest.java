package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void directionMarksAndInvisibleCharactersGo() {
        assertEquals("السعر 100 SAR", TextNormalizer.forIndex("\u200Fالسعر \u202A100\u202C \u200ESAR\u200E"));
        assertEquals("abc", TextNormalizer.forIndex("a\u200Bb\u00ADc\uFEFF"));
        assertEquals("abc", TextNormalizer.forIndex("\u2066a\u2067b\u2069c\u061C\u202B\u202D\u202E"));
    }

    @Test
    void arabicLetterFormsAreFolded() {
        // alef with hamza above/below, madda and wasla -> bare alef
        assertEquals("احمد اسلام امن استغفار", TextNormalizer.forIndex("أحمد إسلام آمن ٱستغفار"));
        // alef maqsura -> yaa, taa marbuta -> haa
        assertEquals("مستشفي مدرسه", TextNormalizer.forIndex("مستشفى مدرسة"));
        // tatweel, harakat and the dagger alef are removed
        assertEquals("كتاب", TextNormalizer.forIndex("كـــتـاب"));
        assertEquals("محمد", TextNormalizer.forIndex("مُحَمَّدٌ"));
        assertEquals("هذا", TextNormalizer.forIndex("هٰذا"));
        // Persian-encoded yeh and kaf, and shaped presentation forms
        assertEquals("كتابي", TextNormalizer.forIndex("کتابی"));
        assertEquals("سلام", TextNormalizer.forIndex("\uFEB3\uFEFC\uFEE1"));
    }

    @Test
    void arabicIndicDigitsBecomeLatin() {
        assertEquals("2024/05/17", TextNormalizer.forIndex("٢٠٢٤/٠٥/١٧"));
        assertEquals("1234567890", TextNormalizer.forIndex("۱۲۳۴۵۶۷۸۹۰"));
    }

    @Test
    void latinTextIsLeftAsItIs() {
        assertEquals("The Invoice, 4,500 SAR.", TextNormalizer.forIndex("The Invoice, 4,500 SAR."));
        assertEquals("", TextNormalizer.forIndex(null));
    }

    @Test
    void charMappingsAreWhatAnOpenSearchCharFilterNeeds() {
        assertEquals("", TextNormalizer.charMappings().get("\u200F"));
        assertEquals("\u0627", TextNormalizer.charMappings().get("\u0671"));
        assertEquals("\u0644\u0627", TextNormalizer.charMappings().get("\uFEFB"));
        assertTrue(TextNormalizer.charMappings().size() > 100, "presentation forms included");
    }
}
