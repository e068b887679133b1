package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void theScriptWithMoreLettersDecides() {
        assertEquals(Language.ARABIC, Language.of("ما هي عاصمة المملكة العربية السعودية؟"));
        assertEquals(Language.ENGLISH, Language.of("What is the capital of Saudi Arabia?"));
        assertEquals(Language.ARABIC, Language.of("تقرير Qalam السنوي لعام 2024"));
        assertEquals(Language.ENGLISH, Language.of("The Riyadh office (مكتب) opened in March"));
    }

    @Test
    void textWithoutLettersIsEnglish() {
        assertEquals(Language.ENGLISH, Language.of("2024 - 17/05 ٢٠٢٤"));
        assertEquals(Language.ENGLISH, Language.of(""));
        assertEquals(0.0, Language.arabicShare(null));
    }

    @Test
    void codes() {
        assertEquals("ar", Language.ARABIC.code());
        assertEquals("en", Language.ENGLISH.locale().getLanguage());
    }
}
