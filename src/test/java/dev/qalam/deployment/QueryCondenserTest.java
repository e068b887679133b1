package dev.qalam.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCondenserTest {

    static List<ChatMessage> turns(String... texts) {
        return java.util.stream.IntStream.range(0, texts.length)
                .mapToObj(i -> ChatMessage.of(i % 2 == 0 ? "user" : "assistant", texts[i])).toList();
    }

    @Test
    void aFollowUpThatRefersBackIsSearchedWithThePreviousQuestion() {
        assertEquals("What is the capital of France? Tell me more about its population.", QueryCondenser.byRule(turns(
                "What is the capital of France?", "The capital of France is Paris.", "Tell me more about its population.")));
        assertEquals("What's the weather in Bali? How about in Jakarta?", QueryCondenser.byRule(turns(
                "What's the weather in Bali?", "It's hot and humid.", "How about in Jakarta?")));
        assertEquals("ما هي عاصمة السعودية؟ وماذا عن سكانها؟", QueryCondenser.byRule(turns(
                "ما هي عاصمة السعودية؟", "الرياض.", "وماذا عن سكانها؟")));
    }

    @Test
    void aNewQuestionStandsAlone() {
        assertEquals("Which museums in Riyadh show Kufic manuscripts?", QueryCondenser.byRule(turns(
                "What is the capital of France?", "Paris.", "Which museums in Riyadh show Kufic manuscripts?")));
        assertEquals("Hello there, what is Naskh script?", QueryCondenser.byRule(turns("Hello there, what is Naskh script?")));
    }

    @Test
    void referringWords() {
        assertTrue(QueryCondenser.refersBack("Why?"));
        assertTrue(QueryCondenser.refersBack("And the population of that city in 2020?"));
        assertFalse(QueryCondenser.refersBack("What is the population of Riyadh in 2020?"));
    }

    @Test
    void theModelReadsTheLatestTurns() {
        String t = QueryCondenser.transcript(turns("First question about Kufic", "An answer", "Tell me more"));
        assertTrue(t.contains("User: First question about Kufic\nAssistant: An answer\nUser: Tell me more"), t);
    }
}
