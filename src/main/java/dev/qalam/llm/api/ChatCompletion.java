package dev.qalam.llm.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code chat.completion} object, as OpenAI documents it. */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             CompletionUsage usage) {

    public static final String OBJECT = "chat.completion";

    @Schema(name = "ChatCompletionChoice")
    public record Choice(int index, Message message,
                         @JsonbNillable @Schema(type = SchemaType.OBJECT, nullable = true) JsonValue logprobs, @JsonbNillable String finishReason) {
    }

    @Schema(name = "ChatCompletionMessage")
    public record Message(String role, @JsonbNillable String content, @JsonbNillable String refusal,
                          @Schema(type = SchemaType.ARRAY, implementation = Object.class,
                                  description = "Function calls: {id, type, function: {name, arguments}}")
                          JsonArray toolCalls) {
    }
}
