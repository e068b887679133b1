package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the script model answers for Arabic-Indic numbers, mapped back only where the glyphs are the same. */
class DigitsTest {

    @Test
    void easternDigitsDrawnAlikeBecomeArabicIndic() {
        assertEquals("٠١٢٣٧٨٩۴۵۶", Digits.arabicIndic("۰۱۲۳۷۸۹۴۵۶"));
    }

    @Test
    void latinLookalikesAreMappedOnlyInAnArabicIndicTable() {
        assertEquals(List.of("الصنف", "٥", "١٢٠", "٣٠"), Digits.normalise(List.of("الصنف", "0", "1۲۰", "۳.")));
        assertEquals(List.of("Price", "10", "120", "3."), Digits.normalise(List.of("Price", "10", "120", "3.")));
    }

    @Test
    void aCellIsANumberCandidateWithoutWords() {
        assertTrue(Digits.maybeNumber("AO"));
        assertTrue(Digits.maybeNumber("12.5"));
        assertFalse(Digits.maybeNumber("Rice"));
        assertFalse(Digits.maybeNumber("أرز"));
    }
}
