package dev.qalam.deployment;

import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * An LLM application a team deployed: the model it answers with, its system prompt and temperature, and its
 * knowledge base (collections searched for {@code topK} passages per question). Owned by its team; reached at
 * {@code /api/deployment/{teamId}/{id}/chat/completions}.
 *
 * <p>The collection ids are kept as a JSON array in one column: they are only ever read with the deployment,
 * and a collection deleted later simply contributes nothing to retrieval.
 */
@Entity
@Table(name = "QALAM_DEPLOYMENT", indexes = @Index(name = "QALAM_DEPLOYMENT_TEAM", columnList = "TEAM_ID"))
@NamedQuery(name = "Deployment.ofTeam",
        query = "SELECT d FROM Deployment d WHERE d.teamId = :teamId ORDER BY d.createdAt DESC")
public class Deployment {

    @Id
    @Column(name = "ID", length = 40)
    private String id;

    @Column(name = "TEAM_ID", nullable = false, length = 40)
    private String teamId;

    @Column(name = "NAME", nullable = false, length = 200)
    private String name;

    @Column(name = "MODEL", nullable = false, length = 200)
    private String model;

    @Lob
    @Column(name = "SYSTEM_PROMPT")
    private String systemPrompt;

    @Column(name = "TEMPERATURE")
    private Double temperature;

    @Column(name = "TOP_K", nullable = false)
    private int topK;

    @Column(name = "COLLECTION_IDS", nullable = false, length = 4000)
    private String collectionIds;

    @Column(name = "CREATED_BY", length = 300)
    private String createdBy;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected Deployment() {
    }

    public Deployment(String id, String teamId, String name, String model, String systemPrompt, Double temperature,
                      int topK, List<String> collectionIds, String createdBy) {
        this.id = id;
        this.teamId = teamId;
        this.name = name;
        this.model = model;
        this.systemPrompt = systemPrompt;
        this.temperature = temperature;
        this.topK = topK;
        this.collectionIds = toJson(collectionIds);
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public String id() { return id; }
    public String teamId() { return teamId; }
    public String name() { return name; }
    public String model() { return model; }
    public String systemPrompt() { return systemPrompt; }
    public Double temperature() { return temperature; }
    public int topK() { return topK; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }

    public List<String> collectionIds() {
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(collectionIds))) {
            return r.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    private static String toJson(List<String> ids) {
        var b = Jsonp.PROVIDER.createArrayBuilder();
        ids.forEach(b::add);
        JsonArray a = b.build();
        return a.toString();
    }
}
