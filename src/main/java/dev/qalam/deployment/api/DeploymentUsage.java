package dev.qalam.deployment.api;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * Tokens of one Deployment API request: the model's (the answer, and the condensation of the conversation into
 * a retrieval query when the model did it) and {@code prompt_embedding_tokens}, those of the retrieval query's
 * embedding. Nillable as a type so that a chunk's {@code "usage": null} is written: with the annotation on the
 * chunk alone, Yasson left the null usage out (DeploymentWireTest).
 */
@JsonbNillable
public record DeploymentUsage(int promptTokens, int completionTokens, int totalTokens, int promptEmbeddingTokens) {

    public static DeploymentUsage of(int prompt, int completion, int embedding) {
        return new DeploymentUsage(prompt, completion, prompt + completion, embedding);
    }
}
