package dev.qalam.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.sso.Tokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSO token rules, with real RSA and EC P-256 keys and the key set behind Nimbus's production cache. */
class SsoTokenVerifierTest {

    static final String ISS = "https://sso.example.test/realms/qalam";
    static final String AUD = "qalam";
    static final OidcSettings SETTINGS = new OidcSettings(ISS, AUD, null, "groups", Duration.ofSeconds(60));

    static final RSAKey RSA = Tokens.rsa("rsa-1");
    static final ECKey EC = Tokens.ec("ec-1");
    static final RSAKey STRANGER = Tokens.rsa("rsa-1"); // same kid, different key: a forged signature

    /** The identity provider's published key set, which a test can rotate, and how often it was fetched. */
    static final class Idp implements JWKSetSource<SecurityContext> {
        final AtomicReference<JWKSet> published = new AtomicReference<>(Tokens.publicSet(RSA, EC));
        final AtomicInteger fetches = new AtomicInteger();
        volatile boolean down;

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now, SecurityContext ctx)
                throws JWKSetRetrievalException {
            fetches.incrementAndGet();
            if (down) {
                throw new JWKSetRetrievalException("connection refused", new IOException("connection refused"));
            }
            return published.get();
        }

        @Override
        public void close() {
        }
    }

    Idp idp;
    SsoTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        idp = new Idp();
        verifier = new SsoTokenVerifier(SETTINGS, SsoKeys.cached(idp), Clock.systemUTC());
    }

    static JWTClaimsSet.Builder claims(List<String> groups) {
        return Tokens.claims(ISS, AUD, "alice", groups);
    }

    static JWTClaimsSet valid() {
        return claims(List.of("llm", "models")).build();
    }

    void assertRejected(String token, String reason) {
        ApiException e = assertThrows(ApiException.class, () -> verifier.verify(token));
        assertEquals(401, e.status(), e.getMessage());
        assertEquals("invalid_api_key", e.code());
        assertEquals("invalid_request_error", e.type());
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say '" + reason + "'");
    }

    static Date in(Duration d) {
        return Date.from(Instant.now().plus(d));
    }

    @Test
    void acceptsRs256() {
        QalamPrincipal p = verifier.verify(Tokens.sign(RSA, valid()));
        assertEquals("alice", p.subject());
        assertNull(p.keyId());
        assertEquals("sub:alice", p.owner());
        assertEquals(Set.of(Scope.LLM, Scope.MODELS), p.scopes());
        assertEquals(List.of(), p.teamIds());
        assertEquals(QalamPrincipal.AuthMethod.SSO, p.method());
    }

    @Test
    void acceptsEs256() {
        assertEquals("alice", verifier.verify(Tokens.sign(EC, valid())).subject());
    }

    @Test
    void acceptsAnAudienceListContainingOurs() {
        assertEquals("alice", verifier.verify(Tokens.sign(RSA,
                claims(List.of()).audience(List.of("account", AUD)).build())).subject());
    }

    @Test
    void acceptsAccessTokenType() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("at+jwt")).build(), valid());
        jwt.sign(new RSASSASigner(RSA));
        assertEquals("alice", verifier.verify(jwt.serialize()).subject());
    }

    @Test
    void rejectsOtherTokenTypes() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("logout+jwt")).build(), valid());
        jwt.sign(new RSASSASigner(RSA));
        assertRejected(jwt.serialize(), "type");
    }

    @Test
    void rejectsExpired() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).issueTime(in(Duration.ofMinutes(-20)))
                .notBeforeTime(in(Duration.ofMinutes(-20))).expirationTime(in(Duration.ofMinutes(-5))).build()), "expired");
    }

    @Test
    void toleratesExpiryWithinTheClockSkew() {
        assertEquals("alice", verifier.verify(Tokens.sign(RSA,
                claims(List.of()).expirationTime(in(Duration.ofSeconds(-30))).build())).subject());
    }

    @Test
    void rejectsNotYetValid() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).notBeforeTime(in(Duration.ofMinutes(5))).build()),
                "not yet valid");
    }

    @Test
    void toleratesNotBeforeWithinTheClockSkew() {
        assertEquals("alice", verifier.verify(Tokens.sign(RSA,
                claims(List.of()).notBeforeTime(in(Duration.ofSeconds(30))).build())).subject());
    }

    @Test
    void rejectsIssuedInTheFuture() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).issueTime(in(Duration.ofMinutes(5))).build()),
                "issued in the future");
    }

    @Test
    void rejectsMissingExpiry() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).expirationTime(null).build()), "no expiry");
    }

    @Test
    void rejectsWrongIssuer() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).issuer(ISS + "/").build()), "wrong issuer");
    }

    @Test
    void rejectsWrongAudience() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).audience("account").build()), "wrong audience");
        assertRejected(Tokens.sign(RSA, claims(List.of()).audience((String) null).build()), "wrong audience");
    }

    @Test
    void rejectsMissingSubject() {
        assertRejected(Tokens.sign(RSA, claims(List.of()).subject(null).build()), "no subject");
    }

    @Test
    void rejectsWrongSignature() {
        assertRejected(Tokens.sign(STRANGER, valid()), "signature is invalid");
    }

    @Test
    void checksTheSignatureBeforeAnyClaim() {
        // A forged token learns nothing about the expected claims: only the signature is reported.
        assertRejected(Tokens.sign(STRANGER, claims(List.of()).issuer("https://evil.test").audience("x")
                .expirationTime(in(Duration.ofMinutes(-30))).build()), "signature is invalid");
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = Tokens.sign(RSA, valid()).split("\\.");
        assertRejected(parts[0] + "." + Tokens.sign(RSA, claims(List.of("admin")).subject("mallory").build())
                .split("\\.")[1] + "." + parts[2], "signature is invalid");
    }

    @Test
    void rejectsAlgNone() {
        assertRejected(Tokens.unsigned(valid()), "unsigned");
    }

    @Test
    void rejectsHs256SignedWithThePublicKey() {
        assertRejected(Tokens.hs256WithPublicKey(RSA, valid()), "HS256 is not accepted");
    }

    @Test
    void rejectsOtherAsymmetricAlgorithms() {
        assertRejected(Tokens.sign(RSA, JWSAlgorithm.RS384, "rsa-1", valid()), "RS384 is not accepted");
        assertRejected(Tokens.sign(RSA, JWSAlgorithm.PS256, "rsa-1", valid()), "PS256 is not accepted");
    }

    @Test
    void rejectsAnEcKeyUsedUnderTheRsaKid() {
        assertRejected(Tokens.sign(EC, JWSAlgorithm.ES256, "rsa-1", valid()), "no signing key");
    }

    @Test
    void rejectsUnknownKid() {
        assertRejected(Tokens.sign(Tokens.rsa("nobody"), valid()), "no signing key");
    }

    @Test
    void rejectsMalformed() {
        assertRejected("a.b.c", "malformed");
        assertRejected("not a token", "malformed");
        assertRejected("x".repeat(SsoTokenVerifier.MAX_TOKEN_CHARS) + ".a.b", "malformed");
        String[] parts = Tokens.sign(RSA, valid()).split("\\.");
        assertRejected(parts[0] + "." + parts[1] + ".", "malformed");
    }

    @Test
    void mapsGroupsGivenAsAnArray() {
        QalamPrincipal p = verifier.verify(Tokens.sign(RSA,
                claims(List.of("llm", "OCR", "team:t1", "offline_access", "team:t2", "team:t1")).build()));
        assertEquals(Set.of(Scope.LLM, Scope.OCR), p.scopes());
        assertEquals(List.of("t1", "t2"), p.teamIds());
        assertEquals("team:t1", p.owner());
        assertTrue(p.memberOf("t2"));
    }

    @Test
    void mapsGroupsGivenAsOneString() {
        QalamPrincipal p = verifier.verify(Tokens.sign(RSA,
                claims(null).claim("groups", "alretrieval deployment,team:abc  admin").build()));
        assertEquals(Set.of(Scope.ALRETRIEVAL, Scope.DEPLOYMENT, Scope.ADMIN), p.scopes());
        assertEquals(List.of("abc"), p.teamIds());
    }

    @Test
    void noGroupsMeansNoScopes() {
        QalamPrincipal p = verifier.verify(Tokens.sign(RSA, claims(null).build()));
        assertEquals(Set.of(), p.scopes());
        assertEquals("sub:alice", p.owner());
    }

    @Test
    void readsANestedGroupsClaim() {
        OidcSettings keycloak = new OidcSettings(ISS, AUD, null, "realm_access.roles", Duration.ofSeconds(60));
        SsoTokenVerifier v = new SsoTokenVerifier(keycloak, SsoKeys.cached(idp), Clock.systemUTC());
        QalamPrincipal p = v.verify(Tokens.sign(RSA, claims(List.of("admin"))
                .claim("realm_access", Map.of("roles", List.of("ocr", "default-roles-qalam"))).build()));
        assertEquals(Set.of(Scope.OCR), p.scopes());
    }

    @Test
    void groupEntriesAreReadStrictly() {
        SsoGroups.Grants g = SsoGroups.grants(List.of("/llm", "/other-app/admin", "team:../etc", "team:",
                "team:ok_1", "llm-users", "admin-ish"));
        assertEquals(Set.of(Scope.LLM), g.scopes());
        assertEquals(List.of("ok_1"), g.teamIds());
        assertEquals(Set.of(), SsoGroups.grants(42).scopes());
        assertEquals(Set.of(), SsoGroups.grants(null).scopes());
    }

    @Test
    void picksUpRotatedKeysWithoutARestart() {
        assertEquals("alice", verifier.verify(Tokens.sign(RSA, valid())).subject());
        assertEquals(1, idp.fetches.get());
        assertEquals("alice", verifier.verify(Tokens.sign(EC, valid())).subject());
        assertEquals(1, idp.fetches.get(), "a known kid is served from the cache");

        RSAKey next = Tokens.rsa("rsa-2");
        idp.published.set(Tokens.publicSet(next, RSA));
        assertEquals("alice", verifier.verify(Tokens.sign(next, valid())).subject());
        assertEquals(2, idp.fetches.get(), "an unknown kid refreshed the key set once");
        assertEquals("alice", verifier.verify(Tokens.sign(RSA, valid())).subject());
        assertRejected(Tokens.sign(EC, valid()), "no signing key");
    }

    @Test
    void forgedKidsCannotCauseAFetchStorm() {
        verifier.verify(Tokens.sign(RSA, valid()));
        RSAKey forger = Tokens.rsa("forged");
        for (int i = 0; i < 50; i++) {
            assertRejected(Tokens.sign(forger, JWSAlgorithm.RS256, "forged-" + i, valid()), "no signing key");
        }
        assertTrue(idp.fetches.get() <= 2, "fetches: " + idp.fetches.get());
        assertEquals("alice", verifier.verify(Tokens.sign(RSA, valid())).subject(), "known keys still work");
    }

    @Test
    void unreachableKeysAre503NotAVerdictOnTheToken() {
        idp.down = true;
        ApiException e = assertThrows(ApiException.class, () -> verifier.verify(Tokens.sign(RSA, valid())));
        assertEquals(503, e.status());
        assertEquals("sso_unavailable", e.code());
        assertTrue(e.retryAfter() != null);
    }

    @Test
    void keepsServingCachedKeysDuringAnOutage() {
        verifier.verify(Tokens.sign(RSA, valid()));
        idp.down = true;
        assertEquals("alice", verifier.verify(Tokens.sign(EC, valid())).subject());
    }

    @Test
    void outlivesAnOutageLongerThanTheCacheButNotForever() throws Exception {
        JWKSetSource<SecurityContext> chain =
                ((JWKSetBasedJWKSource<SecurityContext>) SsoKeys.cached(idp)).getJWKSetSource();
        long t0 = System.currentTimeMillis();
        JWKSet first = chain.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), t0, null);
        idp.down = true;
        long afterCache = t0 + SsoKeys.CACHE_TTL.toMillis() + 1_000;
        assertEquals(first.getKeys(), chain.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), afterCache, null).getKeys(),
                "the cache expired while the provider is down: the last key set still serves");
        assertEquals(2, idp.fetches.get(), "it did try the provider");
        long afterOutage = t0 + SsoKeys.OUTAGE_TTL.toMillis() + SsoKeys.CACHE_TTL.toMillis() + 60_000;
        assertThrows(KeySourceException.class,
                () -> chain.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), afterOutage, null));
    }

    @Test
    void tellsTokensFromApiKeys() {
        assertTrue(SsoTokenVerifier.looksLikeJwt(Tokens.sign(RSA, valid())));
        assertTrue(SsoTokenVerifier.looksLikeJwt(Tokens.unsigned(valid())));
        assertTrue(!SsoTokenVerifier.looksLikeJwt(Secrets.newKey()));
        assertTrue(!SsoTokenVerifier.looksLikeJwt("qalam-test-admin-0123"));
    }
}
