package dev.qalam.platform.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An API key. Only the SHA-256 of its secret is kept: the secret is shown once, at creation. Its budgets are
 * {@link Quota} rows.
 */
@Entity
@Table(name = "QALAM_API_KEY", indexes = {
        @Index(name = "QALAM_API_KEY_HASH", columnList = "SECRET_HASH", unique = true),
        @Index(name = "QALAM_API_KEY_OWNER", columnList = "OWNER"),
        @Index(name = "QALAM_API_KEY_PARENT", columnList = "PARENT_ID")})
@NamedQuery(name = "ApiKey.byHash", query = "SELECT k FROM ApiKey k WHERE k.secretHash = :hash")
@NamedQuery(name = "ApiKey.all", query = "SELECT k FROM ApiKey k ORDER BY k.createdAt DESC")
@NamedQuery(name = "ApiKey.byOwner", query = "SELECT k FROM ApiKey k WHERE k.owner = :owner AND k.revokedAt IS NULL ORDER BY k.createdAt DESC")
@NamedQuery(name = "ApiKey.bootstrap", query = "SELECT COUNT(k) FROM ApiKey k WHERE k.bootstrap = TRUE AND k.revokedAt IS NULL")
@NamedQuery(name = "ApiKey.children", query = "SELECT k FROM ApiKey k WHERE k.parentId = :id AND k.revokedAt IS NULL")
public class ApiKey {

    @Id
    @Column(length = 40)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "SECRET_HASH", nullable = false, length = 64)
    private String secretHash;

    /** The first characters of the secret, so that a person can tell keys apart in a listing. */
    @Column(name = "SECRET_PREFIX", nullable = false, length = 16)
    private String secretPrefix;

    /** Comma-separated wire names. */
    @Column(nullable = false, length = 200)
    private String scopes;

    @Column(name = "TEAM_ID", length = 40)
    private String teamId;

    @Column(name = "OWNER", nullable = false, length = 300)
    private String owner;

    /** Who created it: the admin, or the owner's own key or SSO subject (self-service). */
    @Column(name = "CREATED_BY", length = 300)
    private String createdBy;

    /**
     * The key that made this one through {@code POST /v1/keys}: this key draws on its budgets (and on those of
     * the key above it, and so on) and is revoked with it. Null for keys the operator made.
     */
    @Column(name = "PARENT_ID", length = 40)
    private String parentId;

    @Column(nullable = false)
    private boolean bootstrap;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "LAST_USED_AT")
    private Instant lastUsedAt;

    @Column(name = "REVOKED_AT")
    private Instant revokedAt;

    @Version
    private long version;

    protected ApiKey() {
    }

    public ApiKey(String id, String name, String secretHash, String secretPrefix, Set<Scope> scopes, String teamId,
                  String owner, String createdBy, String parentId, boolean bootstrap) {
        this.id = id;
        this.name = name;
        this.secretHash = secretHash;
        this.secretPrefix = secretPrefix;
        this.scopes = scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
        this.teamId = teamId;
        this.owner = owner;
        this.createdBy = createdBy;
        this.parentId = parentId;
        this.bootstrap = bootstrap;
        this.createdAt = Instant.now();
    }

    public String id() { return id; }
    public String name() { return name; }
    public String secretPrefix() { return secretPrefix; }
    public String teamId() { return teamId; }
    public String owner() { return owner; }
    public String createdBy() { return createdBy; }
    public String parentId() { return parentId; }
    public Instant createdAt() { return createdAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Instant revokedAt() { return revokedAt; }
    public boolean isRevoked() { return revokedAt != null; }

    public Set<Scope> scopes() {
        Set<Scope> set = EnumSet.noneOf(Scope.class);
        Arrays.stream(scopes.split(",")).map(Scope::fromWire).forEach(s -> s.ifPresent(set::add));
        return set;
    }

    void revoke() {
        this.revokedAt = Instant.now();
    }

    void touch(Instant now) {
        this.lastUsedAt = now;
    }
}
