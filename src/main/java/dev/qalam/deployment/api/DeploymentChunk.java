package dev.qalam.deployment.api;

import dev.qalam.llm.api.ChatCompletionChunk;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * One server-sent event of a streamed Deployment API answer: OpenAI's {@code chat.completion.chunk} with
 * {@code usage} (null until the last chunk, which has it when the client asked with {@code include_usage}) and
 * {@code contexts} (on the first chunk, null on the others). Nillable as a type: the documented shape has both
 * members on every chunk, null or not.
 */
@JsonbNillable
public record DeploymentChunk(String id, String object, long created, String model,
                              List<ChatCompletionChunk.Choice> choices, DeploymentUsage usage,
                              List<RagContext> contexts) {
}
