package dev.qalam.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CharacterErrorRateTest {

    @Test
    void countsEditsPerReferenceCharacter() {
        assertEquals(0.0, CharacterErrorRate.of("hello world", "hello world"));
        assertEquals(0.0, CharacterErrorRate.of("hello world", "hello\n  world\n"));
        assertEquals(1 / 11.0, CharacterErrorRate.of("hello world", "hallo world"), 1e-9);
        assertEquals(2 / 11.0, CharacterErrorRate.of("hello world", "hello wor"), 1e-9);
        assertEquals(1.0, CharacterErrorRate.of("", "x"));
        assertEquals(0.0, CharacterErrorRate.of("", ""));
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        assertEquals(1 / 3.0, CharacterErrorRate.of("a\uD83D\uDE00b", "ab"), 1e-9);
        assertEquals(1 / 4.0, CharacterErrorRate.of("سلام", "سلم"), 1e-9);
    }
}
