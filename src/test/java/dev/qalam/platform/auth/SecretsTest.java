package dev.qalam.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void keysAreLongRandomAndPrefixed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String k = Secrets.newKey();
            assertTrue(k.startsWith("qk_"));
            assertEquals(46, k.length(), "3 + 43 base64url characters of 32 bytes");
            assertTrue(k.substring(3).matches("[A-Za-z0-9_-]+"));
            assertTrue(seen.add(k));
        }
    }

    @Test
    void hashIsStableHexAndDistinguishesKeys() {
        String a = Secrets.newKey();
        assertEquals(Secrets.sha256Hex(a), Secrets.sha256Hex(a));
        assertEquals(64, Secrets.sha256Hex(a).length());
        assertNotEquals(Secrets.sha256Hex(a), Secrets.sha256Hex(Secrets.newKey()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.sha256Hex("abc"));
    }

    @Test
    void sameSecretComparesWholeValues() {
        assertTrue(Secrets.sameSecret("admin-key-1", "admin-key-1"));
        assertFalse(Secrets.sameSecret("admin-key-1", "admin-key-2"));
        assertFalse(Secrets.sameSecret("admin-key-1", "admin-key-1 "));
    }

    @Test
    void bearerHeaderParsing() {
        assertEquals("abc", dev.qalam.platform.http.RequestGate.bearer("Bearer abc"));
        assertEquals("abc", dev.qalam.platform.http.RequestGate.bearer("bearer   abc "));
        assertEquals(null, dev.qalam.platform.http.RequestGate.bearer(null));
        ApiException e = assertThrows(ApiException.class, () -> dev.qalam.platform.http.RequestGate.bearer("Basic dXNlcjpwYXNz"));
        assertEquals(401, e.status());
    }

    @Test
    void scopesParseByWireNameOnly() {
        assertEquals(Set.of(Scope.LLM, Scope.ALRETRIEVAL), ScopeParser.parse(List.of("llm", "alretrieval")));
        assertEquals(Set.of(Scope.OCR), ScopeParser.parse(List.of("OCR ")));
        assertEquals(400, assertThrows(ApiException.class, () -> ScopeParser.parse(List.of("llm", "root"))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> ScopeParser.parse(List.of())).status());
    }

    @Test
    void principalOwnerHelpers() {
        assertEquals("team:t1", QalamPrincipal.ownerOfTeam("t1"));
        QalamPrincipal p = new QalamPrincipal("k", "k", "team:t1", List.of("t1"), Set.of(Scope.LLM),
                QalamPrincipal.AuthMethod.API_KEY);
        assertTrue(p.has(Scope.LLM));
        assertFalse(p.isAdmin());
        assertEquals("t1", p.teamId());
        assertTrue(p.memberOf("t1"));
    }
}
