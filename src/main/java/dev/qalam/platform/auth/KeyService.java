package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** API keys and teams: creation (secret shown once), listing, revocation, lookup by secret. */
@ApplicationScoped
public class KeyService {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    KeyCache cache;

    /** A key just made, with the only copy of its secret. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    public record KeyRequest(String name, Set<Scope> scopes, String teamId, Long ocrPageBalance, Long requestLimit) {
    }

    @Transactional
    public Team createTeam(String name) {
        return createTeam(name, false, null);
    }

    /** A team; {@code dailyRequestLimit} (at least 1, or null) caps its Deployment API requests per team window. */
    @Transactional
    public Team createTeam(String name, boolean trial, Long dailyRequestLimit) {
        if (dailyRequestLimit != null && dailyRequestLimit < 1) {
            throw ApiException.badRequest("invalid_value", "daily_request_limit: must be at least 1 (leave it out for none).");
        }
        Team t = new Team(Ids.hex(12), requireName(name), trial, dailyRequestLimit);
        em.persist(t);
        return t;
    }

    public List<Team> teams() {
        return em.createNamedQuery("Team.all", Team.class).getResultList();
    }

    public Optional<Team> team(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Team.class, id));
    }

    /** A key made by the operator: its owner is its team, or the key itself. */
    @Transactional
    public IssuedKey createByAdmin(KeyRequest req, String createdBy) {
        if (req.teamId() != null && team(req.teamId()).isEmpty()) {
            throw ApiException.badRequest("invalid_value", "team_id: no team with id '" + req.teamId() + "'.");
        }
        String id = Ids.prefixed("key_", 12);
        String owner = req.teamId() != null ? QalamPrincipal.ownerOfTeam(req.teamId()) : QalamPrincipal.ownerOfKey(id);
        return issue(id, req, owner, req.teamId(), createdBy, false);
    }

    /**
     * A key made by a caller for itself: it can do no more than the caller, and shares the caller's owner
     * so that it sees the same resources.
     */
    @Transactional
    public IssuedKey createForCaller(QalamPrincipal caller, String name, Set<Scope> scopes) {
        if (scopes.isEmpty()) {
            throw ApiException.badRequest("invalid_value", "scopes: give at least one scope.");
        }
        Set<Scope> beyond = EnumSet.copyOf(scopes);
        beyond.removeAll(caller.scopes());
        if (!beyond.isEmpty()) {
            throw ApiException.forbidden("insufficient_scope",
                    "A key cannot have scopes its creator lacks: " + beyond.stream().map(Scope::wireName).sorted().toList() + ".");
        }
        // A key's team is checked when the operator makes it; a signed-in user's team comes from the identity
        // provider's groups, so check it here rather than record a key for a team Qalam does not know.
        if (caller.teamId() != null && team(caller.teamId()).isEmpty()) {
            throw ApiException.forbidden("unknown_team", "Your sign-in makes you a member of team '"
                    + caller.teamId() + "', which does not exist in Qalam; ask the operator to create it.");
        }
        KeyRequest req = new KeyRequest(name, scopes, caller.teamId(), null, null);
        return issue(Ids.prefixed("key_", 12), req, caller.owner(), caller.teamId(), creatorOf(caller), false);
    }

    @Transactional
    public IssuedKey createBootstrapAdmin() {
        KeyRequest req = new KeyRequest("bootstrap admin", EnumSet.allOf(Scope.class), null, null, null);
        String id = Ids.prefixed("key_", 12);
        return issue(id, req, QalamPrincipal.ownerOfKey(id), null, "bootstrap", true);
    }

    public boolean hasBootstrapAdmin() {
        return em.createNamedQuery("ApiKey.bootstrap", Long.class).getSingleResult() > 0;
    }

    private IssuedKey issue(String id, KeyRequest req, String owner, String teamId, String createdBy, boolean bootstrap) {
        if (req.scopes() == null || req.scopes().isEmpty()) {
            throw ApiException.badRequest("invalid_value", "scopes: give at least one scope.");
        }
        requireNonNegative("ocr_page_balance", req.ocrPageBalance());
        requireNonNegative("request_limit", req.requestLimit());
        String secret = Secrets.newKey();
        ApiKey key = new ApiKey(id, requireName(req.name()), Secrets.sha256Hex(secret), secret.substring(0, 8),
                req.scopes(), teamId, owner, createdBy, req.ocrPageBalance(), req.requestLimit(), bootstrap);
        em.persist(key);
        return new IssuedKey(key, secret);
    }

    public List<ApiKey> all() {
        return em.createNamedQuery("ApiKey.all", ApiKey.class).getResultList();
    }

    /** The keys a caller made for itself (self-service), not yet revoked. */
    public List<ApiKey> createdBy(QalamPrincipal caller) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.createdBy = :c AND k.revokedAt IS NULL "
                        + "ORDER BY k.createdAt DESC", ApiKey.class)
                .setParameter("c", creatorOf(caller)).getResultList();
    }

    @Transactional
    public void revoke(String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null || key.isRevoked()) {
            throw ApiException.notFound("No API key with id '" + id + "'.");
        }
        key.revoke();
        cache.forget(id);
    }

    /** Revokes one of the caller's own keys; anyone else's is 404, as if it did not exist. */
    @Transactional
    public void revokeOwn(QalamPrincipal caller, String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null || key.isRevoked() || !creatorOf(caller).equals(key.createdBy())) {
            throw ApiException.notFound("No API key with id '" + id + "'.");
        }
        key.revoke();
        cache.forget(id);
    }

    /** The live key whose secret has this SHA-256. */
    public Optional<ApiKey> findByHash(String hash) {
        return em.createNamedQuery("ApiKey.byHash", ApiKey.class)
                .setParameter("hash", hash)
                .getResultStream().filter(k -> !k.isRevoked()).findFirst();
    }

    /** Records use at most once a minute, so that authentication stays a read on the hot path. */
    @Transactional
    public void touch(String keyId, Instant now) {
        em.createQuery("UPDATE ApiKey k SET k.lastUsedAt = :now WHERE k.id = :id "
                        + "AND (k.lastUsedAt IS NULL OR k.lastUsedAt < :before)")
                .setParameter("now", now).setParameter("id", keyId)
                .setParameter("before", now.minusSeconds(60)).executeUpdate();
    }

    static String creatorOf(QalamPrincipal caller) {
        return caller.method() == QalamPrincipal.AuthMethod.SSO
                ? QalamPrincipal.ownerOfSubject(caller.subject()) : QalamPrincipal.ownerOfKey(caller.keyId());
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("invalid_value", "name: must not be blank.");
        }
        if (name.length() > 200) {
            throw ApiException.badRequest("invalid_value", "name: at most 200 characters.");
        }
        return name.strip();
    }

    private static void requireNonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw ApiException.badRequest("invalid_value", field + ": must be >= 0.");
        }
    }
}
