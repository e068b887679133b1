package dev.qalam.llm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import dev.qalam.platform.persistence.Ids;
import java.time.Instant;

/**
 * Token usage of one key, model and endpoint over a few seconds (see {@link UsageLedger}): the ledger behind
 * usage reports and billing.
 */
@Entity
@Table(name = "QALAM_LLM_USAGE", indexes = {
    @Index(name = "QALAM_LLM_USAGE_KEY", columnList = "KEY_ID, MODEL"),
    // Usage reports: one owner's rows over a time range, or everyone's.
    @Index(name = "QALAM_LLM_USAGE_OWNER", columnList = "OWNER, CREATED_AT"),
    @Index(name = "QALAM_LLM_USAGE_TIME", columnList = "CREATED_AT")})
@NamedQuery(name = "LlmUsage.totals", query = "SELECT u.model, SUM(u.requests), SUM(u.promptTokens), SUM(u.completionTokens) "
        + "FROM LlmUsage u WHERE u.keyId = :keyId GROUP BY u.model ORDER BY u.model")
public class LlmUsage {

    @Id
    @Column(name = "ID", length = 32)
    private String id;

    @Column(name = "KEY_ID", length = 64)
    private String keyId;

    @Column(name = "OWNER", length = 300)
    private String owner;

    @Column(name = "MODEL", length = 200, nullable = false)
    private String model;

    /** The model that actually answered (differs from {@code model} after a fallback). */
    @Column(name = "SERVED_BY", length = 200)
    private String servedBy;

    @Column(name = "ENDPOINT", length = 40)
    private String endpoint;

    @Column(name = "REQUESTS", nullable = false)
    private long requests;

    @Column(name = "PROMPT_TOKENS", nullable = false)
    private long promptTokens;

    @Column(name = "COMPLETION_TOKENS", nullable = false)
    private long completionTokens;

    /** The sum of the requests' latencies. */
    @Column(name = "LATENCY_MS", nullable = false)
    private long latencyMs;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected LlmUsage() {
    }

    public LlmUsage(String keyId, String owner, String model, String servedBy, String endpoint, long requests,
                    long promptTokens, long completionTokens, long latencyMs, Instant createdAt) {
        this.requests = requests;
        this.id = Ids.hex(16);
        this.keyId = keyId;
        this.owner = owner;
        this.model = model;
        this.servedBy = servedBy;
        this.endpoint = endpoint;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.latencyMs = latencyMs;
        this.createdAt = createdAt;
    }

    public String model() {
        return model;
    }

    public long requests() {
        return requests;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }
}
