package dev.qalam.deployment.api;

import dev.qalam.llm.api.ChatCompletion;
import java.util.List;

/**
 * The Deployment API's non-streamed answer: OpenAI's {@code chat.completion} with {@code usage} counting the
 * retrieval query's embedding tokens and {@code contexts}, the knowledge base passages the answer was given with.
 */
public record DeploymentCompletion(String id, String object, long created, String model,
                                   List<ChatCompletion.Choice> choices, DeploymentUsage usage,
                                   List<RagContext> contexts, String retrievalQuery) {
}
