package dev.qalam.deployment.api;

import dev.qalam.deployment.Deployment;
import dev.qalam.deployment.DeploymentRequest;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;

/** Wire shapes of the deployment management endpoints (docs/deployment.md). */
public final class DeploymentViews {

    private DeploymentViews() {
    }

    /** The body of {@code POST /v1/admin/teams/{teamId}/deployments}. */
    public record CreateDeployment(String name, String model, String systemPrompt, Double temperature, Integer topK,
                                   List<String> collectionIds) {
    }

    public record DeploymentView(String id, String object, String teamId, String name, String model,
                                 @JsonbNillable String systemPrompt, @JsonbNillable Double temperature, int topK,
                                 List<String> collectionIds, String chatCompletionsPath, Instant createdAt) {

        public static DeploymentView of(Deployment d) {
            return new DeploymentView(d.id(), "deployment", d.teamId(), d.name(), d.model(), d.systemPrompt(),
                    d.temperature(), d.topK(), d.collectionIds(),
                    "/api/deployment/" + d.teamId() + "/" + d.id() + "/chat/completions", d.createdAt());
        }
    }

    public record DeploymentList(List<DeploymentView> deployments) {
    }

    /** One recorded chat request, with the client's {@code source} and {@code sourceId}. */
    public record RequestView(String id, @JsonbNillable String source, @JsonbNillable String sourceId,
                              @JsonbNillable String keyId, String model, boolean stream, int contexts,
                              long promptTokens, long completionTokens, long promptEmbeddingTokens, long latencyMs,
                              Instant createdAt) {

        public static RequestView of(DeploymentRequest r) {
            return new RequestView(r.id(), r.source(), r.sourceId(), r.keyId(), r.model(), r.streamed(),
                    r.contexts(), r.promptTokens(), r.completionTokens(), r.embeddingTokens(), r.latencyMs(),
                    r.createdAt());
        }
    }

    public record RequestList(List<RequestView> requests) {
    }
}
