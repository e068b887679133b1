package dev.qalam.platform.auth;

import dev.qalam.platform.persistence.AfterTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Live API keys by the hash of their secret, so that authentication is a map look-up rather than a
 * database round trip on every request. A revocation on this server removes the key at once (again after
 * its transaction completes, so that a request racing the commit cannot put it back); other servers sharing
 * the database notice within {@code QALAM_KEY_CACHE_SECONDS} (default 10).
 */
@ApplicationScoped
public class KeyCache {

    /**
     * What authentication and budgets need of a key, detached from the persistence context: {@code lineage} is
     * the key itself, then the key that made it, and so on; {@code requestLimited} whether one of them has a
     * request limit.
     */
    public record CachedKey(String id, String owner, List<String> teamIds, Set<Scope> scopes, List<String> lineage,
                            boolean requestLimited) {
    }

    private record Entry(CachedKey key, long loadedAt) {
    }

    @Inject
    @ConfigProperty(name = "QALAM_KEY_CACHE_SECONDS", defaultValue = "10")
    long ttlSeconds;

    @Inject
    AfterTransaction afterTransaction;

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<String, CachedKey> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();
    /**
     * Keys revoked on this server: a request that loaded one just before its revocation committed must not put
     * it back into the cache afterwards (revoked keys never come back, so the set only grows, by one id per
     * revocation).
     */
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    Optional<CachedKey> get(String hash) {
        Entry e = byHash.get(hash);
        if (e == null || System.nanoTime() - e.loadedAt() > ttlSeconds * 1_000_000_000L) {
            return Optional.empty();
        }
        return Optional.of(e.key());
    }

    CachedKey put(String hash, CachedKey k) {
        if (ttlSeconds > 0 && !revoked.contains(k.id())) {
            byHash.put(hash, new Entry(k, System.nanoTime()));
            byId.put(k.id(), k);
            // A revocation that completed between the check and the put: undo the put.
            if (revoked.contains(k.id())) {
                drop(k.id());
            }
        }
        return k;
    }

    /** The lineage of a key this server has cached. */
    Optional<List<String>> lineage(String keyId) {
        return Optional.ofNullable(byId.get(keyId)).map(CachedKey::lineage);
    }

    /** Whether a live key has a request limit, as far as this server has seen it. */
    public Optional<Boolean> requestLimited(String keyId) {
        return Optional.ofNullable(byId.get(keyId)).map(CachedKey::requestLimited);
    }

    /** True at most once a minute per key: when its last-used time is worth writing. */
    boolean dueForTouch(String keyId, long nowMillis) {
        Long before = lastTouched.get(keyId);
        if (before != null && nowMillis - before < 60_000) {
            return false;
        }
        lastTouched.put(keyId, nowMillis);
        return true;
    }

    /** Drops a key now and once more when the current transaction (its revocation) completes. */
    void forget(String keyId) {
        revoked.add(keyId);
        drop(keyId);
        if (afterTransaction != null) {
            afterTransaction.onCompletion(() -> drop(keyId));
        }
    }

    private void drop(String keyId) {
        byId.remove(keyId);
        byHash.values().removeIf(e -> e.key().id().equals(keyId) || e.key().lineage().contains(keyId));
        byId.values().removeIf(k -> k.lineage().contains(keyId));
    }
}
