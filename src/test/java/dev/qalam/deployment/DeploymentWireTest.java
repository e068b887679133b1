package dev.qalam.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.deployment.api.DeploymentChunk;
import dev.qalam.deployment.api.DeploymentCompletion;
import dev.qalam.deployment.api.DeploymentUsage;
import dev.qalam.deployment.api.RagContext;
import dev.qalam.llm.api.ChatCompletion;
import dev.qalam.llm.api.ChatCompletionChunk;
import dev.qalam.platform.json.JsonbProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Deployment API's answers as its documentation spells them. */
class DeploymentWireTest {

    static final RagContext CONTEXT = new RagContext("c1", "d1", "laws.pdf", "Title", "Text.", 0.5, List.of(4, 5),
            Map.of("jurisdiction", "nevada"));

    @Test
    void everyChunkHasUsageAndContextsNullOrNot() {
        String json = JsonbProvider.jsonb().toJson(new DeploymentChunk("chatcmpl-1", "chat.completion.chunk", 1, "m",
                List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta(null, "Hi", null), null, null)),
                null, null));
        assertTrue(json.contains("\"usage\":null") && json.contains("\"contexts\":null"), json);
        assertTrue(json.contains("\"delta\":{\"content\":\"Hi\"}"), json);
        String first = JsonbProvider.jsonb().toJson(new DeploymentChunk("chatcmpl-1", "chat.completion.chunk", 1, "m",
                List.of(), null, List.of(CONTEXT)));
        assertTrue(first.contains("\"contexts\":[{\"document_id\":\"d1\""), first);
    }

    @Test
    void theCompletionCountsEmbeddingTokens() {
        String json = JsonbProvider.jsonb().toJson(new DeploymentCompletion("chatcmpl-1", "chat.completion", 1, "m",
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", "Hi", null, null), null,
                        "stop")), DeploymentUsage.of(10, 2, 3), List.of(CONTEXT), "q"));
        assertTrue(json.contains("\"usage\":{\"completion_tokens\":2,\"prompt_embedding_tokens\":3,\"prompt_tokens\":10,"
                + "\"total_tokens\":12}"), json);
        assertTrue(json.contains("\"pages\":[4,5]") && json.contains("\"metadata\":{\"jurisdiction\":\"nevada\"}"), json);
        assertEquals(-1, json.indexOf("\"usage\":null"), json);
    }
}
