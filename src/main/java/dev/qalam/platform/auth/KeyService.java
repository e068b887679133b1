package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** API keys and teams: creation (secret shown once), listing, revocation, lookup by secret. */
@ApplicationScoped
public class KeyService {

    /** Keys made by keys made by keys...: a bound, so that a broken chain can never loop. */
    static final int MAX_LINEAGE = 64;

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    KeyCache cache;

    /** A key just made, with the only copy of its secret. */
    public record IssuedKey(ApiKey key, String secret, Long ocrPageBalance, Long requestLimit) {
    }

    public record KeyRequest(String name, Set<Scope> scopes, String teamId, Long ocrPageBalance, Long requestLimit) {
    }

    /**
     * This bean through its proxy. Every refusal (400, 403, 404) is decided before a transactional method is
     * entered, so that no ordinary client error crosses a transaction boundary (Liberty writes an FFDC incident
     * for each exception that does).
     */
    @Inject
    KeyService self;

    public Team createTeam(String name) {
        return createTeam(name, false, null);
    }

    /** A team; {@code dailyRequestLimit} (at least 1, or null) caps its Deployment API requests per team window. */
    public Team createTeam(String name, boolean trial, Long dailyRequestLimit) {
        if (dailyRequestLimit != null && dailyRequestLimit < 1) {
            throw ApiException.badRequest("invalid_value", "daily_request_limit: must be at least 1 (leave it out for none).");
        }
        return self.persist(new Team(Ids.hex(12), requireName(name), trial, dailyRequestLimit));
    }

    @Transactional
    public Team persist(Team t) {
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
    public IssuedKey createByAdmin(KeyRequest req, String createdBy) {
        if (req.teamId() != null && team(req.teamId()).isEmpty()) {
            throw ApiException.badRequest("invalid_value", "team_id: no team with id '" + req.teamId() + "'.");
        }
        String id = Ids.prefixed("key_", 12);
        String owner = req.teamId() != null ? QalamPrincipal.ownerOfTeam(req.teamId()) : QalamPrincipal.ownerOfKey(id);
        return issue(id, req, owner, req.teamId(), createdBy, null, false);
    }

    /**
     * A key made by a caller for itself: it can do no more than the caller, and shares the caller's owner
     * so that it sees the same resources. Made by an API key, it draws on that key's budgets (and on those of
     * every key above it) and is revoked with it (docs/keys.md). Its own budgets, when given, cap it further.
     */
    public IssuedKey createForCaller(QalamPrincipal caller, String name, Set<Scope> scopes, Long ocrPageBalance,
                                     Long requestLimit) {
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
        KeyRequest req = new KeyRequest(name, scopes, caller.teamId(), ocrPageBalance, requestLimit);
        String parent = caller.method() == QalamPrincipal.AuthMethod.API_KEY ? caller.keyId() : null;
        return issue(Ids.prefixed("key_", 12), req, caller.owner(), caller.teamId(), creatorOf(caller), parent, false);
    }

    public IssuedKey createBootstrapAdmin() {
        KeyRequest req = new KeyRequest("bootstrap admin", EnumSet.allOf(Scope.class), null, null, null);
        String id = Ids.prefixed("key_", 12);
        return issue(id, req, QalamPrincipal.ownerOfKey(id), null, "bootstrap", null, true);
    }

    /** Whether a generated operator key is live (a revoked one does not count: a new one is generated). */
    public boolean hasBootstrapAdmin() {
        return em.createNamedQuery("ApiKey.bootstrap", Long.class).getSingleResult() > 0;
    }

    private IssuedKey issue(String id, KeyRequest req, String owner, String teamId, String createdBy, String parentId,
                            boolean bootstrap) {
        if (req.scopes() == null || req.scopes().isEmpty()) {
            throw ApiException.badRequest("invalid_value", "scopes: give at least one scope.");
        }
        requireNonNegative("ocr_page_balance", req.ocrPageBalance());
        requireNonNegative("request_limit", req.requestLimit());
        String secret = Secrets.newKey();
        ApiKey key = new ApiKey(id, requireName(req.name()), Secrets.sha256Hex(secret), secret.substring(0, 8),
                req.scopes(), teamId, owner, createdBy, parentId, bootstrap);
        self.persist(key, req);
        return new IssuedKey(key, secret, req.ocrPageBalance(), req.requestLimit());
    }

    /** Stores a key checked by {@link #issue} and its budgets, in one transaction. */
    @Transactional
    public void persist(ApiKey key, KeyRequest req) {
        String id = key.id();
        em.persist(key);
        // Every key counts its requests; a limit, and any other budget, is a row of its own.
        em.persist(new Quota(QuotaKind.REQUESTS.id(), id, req.requestLimit()));
        if (req.ocrPageBalance() != null) {
            em.persist(new Quota(QuotaKind.OCR_PAGES.id(), id, req.ocrPageBalance()));
        }
    }

    /** A key's own budgets by kind (not those of the keys above it). */
    public Map<String, Quota> quotas(String keyId) {
        return quotas(List.of(keyId)).getOrDefault(keyId, Map.of());
    }

    /** The budgets of several keys: key id -> kind -> row. */
    public Map<String, Map<String, Quota>> quotas(List<String> keyIds) {
        Map<String, Map<String, Quota>> all = new HashMap<>();
        if (keyIds.isEmpty()) {
            return all;
        }
        for (Quota q : em.createQuery("SELECT q FROM Quota q WHERE q.keyId IN :ids", Quota.class)
                .setParameter("ids", keyIds).getResultList()) {
            all.computeIfAbsent(q.keyId(), k -> new HashMap<>()).put(q.kind(), q);
        }
        return all;
    }

    /** The key, then the key that made it, and so on up to a key the operator made. */
    public List<String> lineage(String keyId) {
        Optional<List<String>> cached = cache.lineage(keyId);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<String> lineage = new ArrayList<>();
        for (String id = keyId; id != null && lineage.size() < MAX_LINEAGE && !lineage.contains(id); ) {
            lineage.add(id);
            ApiKey k = em.find(ApiKey.class, id);
            id = k == null ? null : k.parentId();
        }
        return List.copyOf(lineage);
    }

    /** What authentication keeps of a live key. */
    KeyCache.CachedKey describe(ApiKey k) {
        List<String> lineage = lineage(k.id());
        boolean requestLimited = !em.createQuery("SELECT q.keyId FROM Quota q WHERE q.kind = :k AND q.keyId IN :ids "
                        + "AND q.allowance IS NOT NULL", String.class)
                .setParameter("k", QuotaKind.REQUESTS.id()).setParameter("ids", lineage).setMaxResults(1)
                .getResultList().isEmpty();
        return new KeyCache.CachedKey(k.id(), k.owner(), k.teamId() == null ? List.of() : List.of(k.teamId()),
                k.scopes(), lineage, requestLimited);
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

    public void revoke(String id) {
        if (!self.revokeIf(id, null)) {
            throw ApiException.notFound("No API key with id '" + id + "'.");
        }
    }

    /**
     * Revokes a live key (made by {@code creator}, when given) and its descendants; false when there is no such
     * key, which the caller answers with 404 outside the transaction.
     */
    @Transactional
    public boolean revokeIf(String id, String creator) {
        ApiKey key = id == null ? null : em.find(ApiKey.class, id);
        if (key == null || key.isRevoked() || (creator != null && !creator.equals(key.createdBy()))) {
            return false;
        }
        revokeWithDescendants(key);
        return true;
    }

    /** Revokes a key and every key it made, and the keys those made, and so on. */
    private void revokeWithDescendants(ApiKey key) {
        List<ApiKey> pending = new ArrayList<>(List.of(key));
        while (!pending.isEmpty()) {
            ApiKey k = pending.remove(pending.size() - 1);
            if (!k.isRevoked()) {
                k.revoke();
                cache.forget(k.id());
            }
            pending.addAll(em.createNamedQuery("ApiKey.children", ApiKey.class).setParameter("id", k.id()).getResultList());
        }
    }

    /** Revokes one of the caller's own keys; anyone else's is 404, as if it did not exist. */
    public void revokeOwn(QalamPrincipal caller, String id) {
        if (!self.revokeIf(id, creatorOf(caller))) {
            throw ApiException.notFound("No API key with id '" + id + "'.");
        }
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
