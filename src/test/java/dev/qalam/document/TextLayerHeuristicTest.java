package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextLayerHeuristicTest {

    private static final String ARABIC = "بسم الله الرحمن الرحيم. مرحبا بكم في مدينة الرياض، هذا النص مكتوب باللغة العربية والكتاب على الطاولة";

    @Test
    void bornDigitalEnglishAndArabicAreUsable() {
        assertTrue(TextLayerHeuristic.assess("The quick brown fox jumps over the lazy dog.\nInvoices are payable.").usable());
        assertTrue(TextLayerHeuristic.assess(ARABIC).usable());
        assertTrue(TextLayerHeuristic.assess("Invoice 2024-117: total 1,250.00 SAR — الإجمالي شامل الضريبة").usable());
    }

    @Test
    void scannedPagesHaveTooFewLetters() {
        assertFalse(TextLayerHeuristic.assess("").usable());
        assertFalse(TextLayerHeuristic.assess(null).usable());
        assertFalse(TextLayerHeuristic.assess("  3  \n Page 1 of 2 ").usable());
    }

    @Test
    void mojibakeIsRejected() {
        String broken = new String(ARABIC.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertFalse(TextLayerHeuristic.assess(broken).usable(), broken);
        String cp1252 = new String(ARABIC.getBytes(StandardCharsets.UTF_8), java.nio.charset.Charset.forName("windows-1252"));
        assertFalse(TextLayerHeuristic.assess(cp1252).usable(), cp1252);
    }

    @Test
    void unmappedGlyphsAreRejected() {
        assertFalse(TextLayerHeuristic.assess("\uE001\uE002\uE003 \uE004\uE005 \uFFFD\uFFFD\uFFFD abc \uE010\uE011\uE012\uE013\uE014\uE015\uE016\uE017\uE018").usable());
        assertFalse(TextLayerHeuristic.assess("#### $$$$ %%%% ---- ++++ //// abcdefghijklmnopq ====== ****** ((((( )))))").usable());
    }

    @Test
    void lettersSplitApartAreRejected() {
        assertFalse(TextLayerHeuristic.assess("T h e q u i c k b r o w n f o x j u m p s").usable());
    }

    @Test
    void arabicInVisualOrderIsRejected() {
        String reversed = new StringBuilder(ARABIC).reverse().toString();
        assertFalse(TextLayerHeuristic.assess(reversed).usable(), reversed);
    }
}
