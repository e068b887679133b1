package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextCleanupTest {

    @Test
    void directionMarksAndEmbeddingsAreRemoved() {
        assertEquals("السعر 100 SAR", TextCleanup.clean("\u200Fالسعر \u202A100\u202C \u200ESAR\u200E"));
        assertEquals("abc", TextCleanup.clean("\u2066a\u2067b\u2069c\u061C\uFEFF"));
    }

    @Test
    void presentationFormsAreFolded() {
        // "سلام" stored as shaped glyphs, and the lam-alef ligature.
        assertEquals("سلام", TextCleanup.clean("\uFEB3\uFEFC\uFEE1"));
    }

    @Test
    void linesAreTidied() {
        assertEquals("one two\nthree\n\nfour", TextCleanup.clean("one\t two  \r\nthree\r\n\n\n\n four \f"));
        assertEquals("", TextCleanup.clean(null));
        assertEquals("", TextCleanup.clean(" \n \n"));
    }
}
