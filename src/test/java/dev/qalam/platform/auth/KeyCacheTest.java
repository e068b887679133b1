package dev.qalam.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    private static KeyCache cache(long ttlSeconds) {
        KeyCache c = new KeyCache();
        c.ttlSeconds = ttlSeconds;
        return c;
    }

    private static KeyCache.CachedKey key(String id, String team, Long requestLimit) {
        return new KeyCache.CachedKey(id, team == null ? "key:" + id : "team:" + team,
                team == null ? List.of() : List.of(team), EnumSet.of(Scope.LLM, Scope.OCR), List.of(id),
                requestLimit != null);
    }

    @Test
    void cachedKeyCarriesWhatAuthenticationNeeds() {
        KeyCache c = cache(60);
        c.put("h1", key("key_1", "t1", 5L));
        KeyCache.CachedKey k = c.get("h1").orElseThrow();
        assertEquals("team:t1", k.owner());
        assertEquals(List.of("t1"), k.teamIds());
        assertEquals(EnumSet.of(Scope.LLM, Scope.OCR), k.scopes());
        assertEquals(Optional.of(true), c.requestLimited("key_1"));
        assertEquals(Optional.empty(), c.requestLimited("key_2"));
    }

    @Test
    void forgetRemovesAKeyAtOnce() {
        KeyCache c = cache(60);
        c.put("h1", key("key_1", null, null));
        c.put("h2", key("key_2", null, null));
        c.forget("key_1");
        assertTrue(c.get("h1").isEmpty());
        assertTrue(c.requestLimited("key_1").isEmpty());
        assertTrue(c.get("h2").isPresent());
        assertEquals(Optional.of(false), c.requestLimited("key_2"));
    }

    @Test
    void aKeyLoadedBeforeItsRevocationCommittedIsNotCachedAfterIt() {
        KeyCache c = cache(60);
        // A request read the key from the database; the revocation completes; then the request caches it.
        KeyCache.CachedKey loaded = key("key_1", null, null);
        c.forget("key_1");
        c.put("h1", loaded);
        assertTrue(c.get("h1").isEmpty(), "a revoked key must not be cached again");
        assertTrue(c.requestLimited("key_1").isEmpty());
    }

    @Test
    void forgettingAKeyForgetsTheKeysItMade() {
        KeyCache c = cache(60);
        c.put("h1", key("key_1", null, 5L));
        c.put("h2", new KeyCache.CachedKey("key_2", "key:key_1", List.of(), EnumSet.of(Scope.LLM),
                List.of("key_2", "key_1"), true));
        c.forget("key_1");
        assertTrue(c.get("h2").isEmpty());
        assertTrue(c.lineage("key_2").isEmpty());
    }

    @Test
    void zeroTtlCachesNothing() {
        KeyCache c = cache(0);
        c.put("h1", key("key_1", null, null));
        assertTrue(c.get("h1").isEmpty());
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinute() {
        KeyCache c = cache(60);
        assertTrue(c.dueForTouch("key_1", 1_000_000));
        assertFalse(c.dueForTouch("key_1", 1_030_000));
        assertTrue(c.dueForTouch("key_2", 1_030_000));
        assertTrue(c.dueForTouch("key_1", 1_060_001));
    }
}
