package dev.qalam.llm.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code chat.completion.chunk} object of a stream. {@code usage} is null on every chunk but the
 * last one, which has no choices, when the client asked for {@code stream_options.include_usage}.
 */
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
                                  CompletionUsage usage) {

    public static final String OBJECT = "chat.completion.chunk";

    @Schema(name = "ChatCompletionChunkChoice")
    public record Choice(int index, Delta delta,
                         @JsonbNillable @Schema(type = SchemaType.OBJECT, nullable = true) JsonValue logprobs, @JsonbNillable String finishReason) {
    }

    @Schema(name = "ChatCompletionChunkDelta")
    public record Delta(String role, String content,
                        @Schema(type = SchemaType.ARRAY, implementation = Object.class,
                                description = "Parts of function calls: {index, id, type, function: {name, arguments}}")
                        JsonArray toolCalls) {
    }
}
