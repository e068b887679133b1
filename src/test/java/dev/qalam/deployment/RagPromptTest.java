package dev.qalam.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.deployment.api.RagContext;
import dev.qalam.deployment.content.Attachment;
import dev.qalam.deployment.content.AttachmentPage;
import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RagPromptTest {

    static final ChatRequest CLIENT = ChatRequest.of("m", List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("What is the capital of Saudi Arabia?")));
    static final RagContext RIYADH = new RagContext("c1", "d1", "kingdom.pdf", null,
            "The capital of Saudi Arabia is Riyadh.", 0.9, List.of(3), Map.of());

    static RagPrompt.Attached attached(int message, boolean image) {
        return new RagPrompt.Attached(message, new Attachment("Report", Attachment.Kind.PDF, "data:application/pdf", 4,
                List.of(new AttachmentPage("Report", 2, "Jeddah lies on the Red Sea.",
                        image ? Optional.of(new byte[]{(byte) 0x89, 'P', 'N', 'G'}) : Optional.empty()))));
    }

    @Test
    void theDeploymentsPromptAndContextComeFirstAndTheClientsSystemMessageBelow() {
        ChatRequest r = RagPrompt.build("Answer from the context.", CLIENT, List.of(RIYADH), List.of(attached(1, false)), false);
        assertEquals(3, r.messages().size());
        String system = r.messages().get(0).text();
        assertTrue(system.startsWith("Answer from the context."), system);
        assertTrue(system.contains("[1] kingdom.pdf, page 3\nThe capital of Saudi Arabia is Riyadh."), system);
        assertTrue(system.contains("[Report, page 2]\nJeddah lies on the Red Sea."), system);
        assertEquals("Be brief.", r.messages().get(1).text());
        assertEquals("What is the capital of Saudi Arabia?", r.messages().get(2).text());
    }

    @Test
    void pageImagesFollowTheirMessageOnlyForModelsThatSee() {
        ChatRequest seeing = RagPrompt.build(null, CLIENT, List.of(), List.of(attached(1, true)), true);
        ChatMessage user = seeing.messages().get(2);
        assertEquals(2, user.parts().size());
        assertTrue(user.parts().get(1).imageUrl().startsWith("data:image/png;base64,"));
        assertEquals("What is the capital of Saudi Arabia?", user.text());
        assertTrue(seeing.messages().get(0).text().startsWith(RagPrompt.DEFAULT_PROMPT));
        ChatRequest blind = RagPrompt.build(null, CLIENT, List.of(), List.of(attached(1, true)), false);
        assertEquals(null, blind.messages().get(2).parts());
        assertFalse(blind.messages().get(0).text().contains("Context from the knowledge base"));
    }
}
