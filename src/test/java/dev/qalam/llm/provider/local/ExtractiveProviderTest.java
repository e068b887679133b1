package dev.qalam.llm.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveProviderTest {

    final ExtractiveProvider p = new ExtractiveProvider();
    final ProviderTarget local = new ProviderTarget("local", "extractive", "", "");

    static ChatRequest req(ChatMessage... messages) {
        return ChatRequest.of("local/extractive", List.of(messages));
    }

    static final String DOC = """
            The invoice total is 4,500 SAR, due on 30 June.

            Payments are accepted by bank transfer only.

            يجب دفع الفاتورة خلال ثلاثين يوماً من تاريخ الإصدار.""";

    @Test
    void quotesTheBestPassageFirst() {
        String a = p.answer(req(ChatMessage.of("system", DOC), ChatMessage.of("user", "How can payments be made?")));
        assertTrue(a.startsWith("From the given context:"), a);
        assertTrue(a.contains("> Payments are accepted by bank transfer only."), a);
        assertFalse(a.contains("invoice total"), a);
    }

    @Test
    void stemsEnglishAndNormalisesArabic() {
        String en = p.answer(req(ChatMessage.of("system", DOC), ChatMessage.of("user", "When is the payment due?")));
        assertTrue(en.contains("due on 30 June") || en.contains("Payments are accepted"), en);
        String ar = p.answer(req(ChatMessage.of("system", DOC), ChatMessage.of("user", "متى يجب دفع الفواتير؟")));
        assertTrue(ar.contains("> يجب دفع الفاتورة"), ar);
        assertTrue(ar.startsWith("من السياق المعطى"), ar);
    }

    @Test
    void saysSoWhenNothingMatchesOrThereIsNoContext() {
        assertEquals("I found nothing relevant to this question in the given context.",
                p.answer(req(ChatMessage.of("system", DOC), ChatMessage.of("user", "Who won the football match?"))));
        assertTrue(p.answer(req(ChatMessage.of("user", "What is the invoice total?")))
                .startsWith("There is no context in this conversation"));
    }

    @Test
    void streamsExactlyTheWholeAnswer() {
        ChatRequest r = req(ChatMessage.of("system", DOC), ChatMessage.of("user", "invoice total"));
        String whole = p.chat(local, r).choices().get(0).content();
        StringBuilder sb = new StringBuilder();
        String[] finish = new String[1];
        p.openStream(local, r).pump(new ChatStreamSink() {
            @Override
            public void delta(ChunkDelta d) {
                if (d.content() != null) {
                    sb.append(d.content());
                }
                if (d.finishReason() != null) {
                    finish[0] = d.finishReason();
                }
            }

            @Override
            public void usage(Usage u) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        assertEquals(whole, sb.toString());
        assertEquals("stop", finish[0]);
    }
}
