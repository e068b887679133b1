package dev.qalam.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.text.Language;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbedderTest {

    private static Embedder embedder(Double english, Double arabic) {
        Embedder e = new Embedder();
        e.vectorWeightEnglish = Optional.ofNullable(english);
        e.vectorWeightArabic = Optional.ofNullable(arabic);
        return e;
    }

    @Test
    void theBundledEnglishModelWeighsEnglishVectorsAndLeavesArabicToTheWords() {
        Embedder e = embedder(null, null);
        assertEquals(0.8, e.vectorWeight(Language.ENGLISH, true));
        assertEquals(0.0, e.vectorWeight(Language.ARABIC, true));
    }

    @Test
    void anyOtherModelWeighsBothLanguagesAlike() {
        Embedder e = embedder(null, null);
        assertEquals(0.5, e.vectorWeight(Language.ENGLISH, false));
        assertEquals(0.5, e.vectorWeight(Language.ARABIC, false));
    }

    @Test
    void configuredWeightsWinAndAreClampedToZeroToOne() {
        Embedder e = embedder(1.5, 0.3);
        assertEquals(1.0, e.vectorWeight(Language.ENGLISH, true));
        assertEquals(0.3, e.vectorWeight(Language.ARABIC, true));
        assertEquals(0.0, embedder(-1.0, null).vectorWeight(Language.ENGLISH, false));
    }
}
