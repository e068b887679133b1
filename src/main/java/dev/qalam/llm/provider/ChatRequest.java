package dev.qalam.llm.provider;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A validated chat request in provider-neutral form. {@code raw} keeps the client's JSON so that an
 * OpenAI-compatible upstream receives every parameter unchanged, including ones Qalam does not model.
 */
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature, Double topP,
                          Integer maxTokens, boolean stream, boolean includeUsage, List<String> stop,
                          JsonArray tools, JsonValue toolChoice, JsonObject responseFormat, int n, Long seed,
                          String user, JsonObject raw) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** The last message with role user, or null. */
    public ChatMessage lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i);
            }
        }
        return null;
    }
}
