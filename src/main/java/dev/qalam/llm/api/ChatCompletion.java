package dev.qalam.llm.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/** The {@code chat.completion} object, as OpenAI documents it. */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             CompletionUsage usage) {

    public static final String OBJECT = "chat.completion";

    public record Choice(int index, Message message, @JsonbNillable JsonValue logprobs, @JsonbNillable String finishReason) {
    }

    public record Message(String role, @JsonbNillable String content, @JsonbNillable String refusal,
                          JsonArray toolCalls) {
    }
}
