package dev.qalam.deployment;

import dev.qalam.platform.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One chat request to a deployment, as the Deployment API's {@code source} and {@code sourceId} query
 * parameters label it: where the request came from (an app, a channel, a conversation), the tokens it used and
 * how it ended. Read by the deployment's request listing.
 */
@Entity
@Table(name = "QALAM_DEPLOYMENT_REQUEST",
        indexes = @Index(name = "QALAM_DEPLOYMENT_REQUEST_DEPLOYMENT", columnList = "DEPLOYMENT_ID, CREATED_AT"))
@NamedQuery(name = "DeploymentRequest.recent", query = "SELECT r FROM DeploymentRequest r "
        + "WHERE r.deploymentId = :deploymentId ORDER BY r.createdAt DESC")
public class DeploymentRequest {

    @Id
    @Column(name = "ID", length = 32)
    private String id;

    @Column(name = "DEPLOYMENT_ID", nullable = false, length = 40)
    private String deploymentId;

    @Column(name = "TEAM_ID", nullable = false, length = 40)
    private String teamId;

    /** The caller's key, or null for a signed-in user. */
    @Column(name = "KEY_ID", length = 64)
    private String keyId;

    @Column(name = "SOURCE", length = 200)
    private String source;

    @Column(name = "SOURCE_ID", length = 200)
    private String sourceId;

    @Column(name = "MODEL", nullable = false, length = 200)
    private String model;

    @Column(name = "STREAMED", nullable = false)
    private boolean streamed;

    @Column(name = "CONTEXTS", nullable = false)
    private int contexts;

    @Column(name = "PROMPT_TOKENS", nullable = false)
    private long promptTokens;

    @Column(name = "COMPLETION_TOKENS", nullable = false)
    private long completionTokens;

    @Column(name = "EMBEDDING_TOKENS", nullable = false)
    private long embeddingTokens;

    @Column(name = "LATENCY_MS", nullable = false)
    private long latencyMs;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected DeploymentRequest() {
    }

    public DeploymentRequest(String deploymentId, String teamId, String keyId, String source, String sourceId,
                             String model, boolean streamed, int contexts, long promptTokens, long completionTokens,
                             long embeddingTokens, long latencyMs) {
        this.id = Ids.hex(16);
        this.deploymentId = deploymentId;
        this.teamId = teamId;
        this.keyId = keyId;
        this.source = source;
        this.sourceId = sourceId;
        this.model = model;
        this.streamed = streamed;
        this.contexts = contexts;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.embeddingTokens = embeddingTokens;
        this.latencyMs = latencyMs;
        this.createdAt = Instant.now();
    }

    public String id() { return id; }
    public String deploymentId() { return deploymentId; }
    public String keyId() { return keyId; }
    public String source() { return source; }
    public String sourceId() { return sourceId; }
    public String model() { return model; }
    public boolean streamed() { return streamed; }
    public int contexts() { return contexts; }
    public long promptTokens() { return promptTokens; }
    public long completionTokens() { return completionTokens; }
    public long embeddingTokens() { return embeddingTokens; }
    public long latencyMs() { return latencyMs; }
    public Instant createdAt() { return createdAt; }
}
