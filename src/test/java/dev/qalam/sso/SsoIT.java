package dev.qalam.sso;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in with OpenID Connect tokens over real HTTP. The test is the identity provider: it publishes a JWKS
 * at the {@code QALAM_OIDC_JWKS_URL} that {@code ./qalam test} gave the server, and signs tokens with real
 * RSA and EC keys. The server fetches the keys when the first token arrives.
 *
 * <p>The first three tests run in order only to keep the suite fast: the server may fetch the keys twice per
 * 30 s (its guard against fetch storms), and putting the first token and the rotation first lets the rotation
 * use the second fetch at once. In any other order the rotation test still passes, after the window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SsoIT {

    static final RSAKey RSA = Tokens.rsa("it-rsa-1");
    static final ECKey EC = Tokens.ec("it-ec-1");
    static final RSAKey NEXT = Tokens.rsa("it-rsa-2");

    static final AtomicReference<String> published = new AtomicReference<>(Tokens.publicSet(RSA, EC).toString());
    static final AtomicInteger fetches = new AtomicInteger();
    static HttpServer idp;
    static String issuer;
    static String audience;

    @BeforeAll
    static void startIdentityProvider() throws IOException {
        issuer = env("QALAM_OIDC_ISSUER");
        audience = env("QALAM_OIDC_AUDIENCE");
        URI jwks = URI.create(env("QALAM_OIDC_JWKS_URL"));
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), jwks.getPort()), 0);
        idp.createContext(jwks.getPath(), exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        idp.start();
        TestServer.awaitReady();
    }

    @AfterAll
    static void stopIdentityProvider() {
        if (idp != null) {
            idp.stop(0);
        }
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the suite with ./qalam test");
        }
        return v;
    }

    static JWTClaimsSet.Builder claims(String sub, List<String> groups) {
        return Tokens.claims(issuer, audience, sub, groups);
    }

    static String token(String sub, String... groups) {
        return Tokens.sign(RSA, claims(sub, List.of(groups)).build());
    }

    static String user() {
        return "user-" + UUID.randomUUID();
    }

    static Date in(Duration d) {
        return Date.from(Instant.now().plus(d));
    }

    static void assertRejected(String token, String reason) {
        JsonNode e = Errors.assertError(Api.as(token).get("/v1/keys"), 401, "invalid_api_key");
        assertEquals("invalid_request_error", e.get("type").asText());
        assertTrue(e.get("message").asText().contains(reason), e + " should say " + reason);
    }

    @Test
    @Order(1)
    void acceptsValidRs256AndEs256Tokens() {
        Api.Reply r = Api.as(token(user(), "llm")).get("/v1/keys");
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().get("keys").isArray(), r.toString());
        assertEquals(1, fetches.get(), "the keys were fetched once, when the first token arrived");

        Api.Reply ec = Api.as(Tokens.sign(EC, claims(user(), List.of("llm")).build())).get("/v1/keys");
        assertEquals(200, ec.status(), ec.toString());
        assertEquals(1, fetches.get(), "known keys come from the cache");
    }

    @Test
    @Order(2)
    void picksUpRotatedKeysWithoutARestart() {
        String rotated = Tokens.sign(NEXT, claims(user(), List.of("llm")).build());
        published.set(Tokens.publicSet(NEXT, RSA, EC).toString());
        Api.Reply r = Poll.until(Duration.ofSeconds(75), "a token signed with the rotated key to be accepted",
                () -> Api.as(rotated).get("/v1/keys"), reply -> reply.status() != 401);
        assertEquals(200, r.status(), r.toString());
        assertEquals(200, Api.as(token(user(), "llm")).get("/v1/keys").status(), "the old key still works");
    }

    @Test
    @Order(3)
    void rejectsUnknownKidsWithoutAFetchStorm() {
        int before = fetches.get();
        RSAKey forger = Tokens.rsa("forged");
        for (int i = 0; i < 20; i++) {
            assertRejected(Tokens.sign(forger, JWSAlgorithm.RS256, "forged-" + i, claims(user(), List.of("admin")).build()),
                    "no signing key");
        }
        assertTrue(fetches.get() - before <= 2, "key set fetches for 20 forged kids: " + (fetches.get() - before));
        assertEquals(200, Api.as(token(user(), "llm")).get("/v1/keys").status(), "real tokens still work");
    }

    @Test
    void rejectsExpiredTokens() {
        assertRejected(Tokens.sign(RSA, claims(user(), List.of("llm")).issueTime(in(Duration.ofMinutes(-30)))
                .notBeforeTime(in(Duration.ofMinutes(-30))).expirationTime(in(Duration.ofMinutes(-10))).build()), "expired");
    }

    @Test
    void rejectsTokensNotYetValid() {
        assertRejected(Tokens.sign(RSA, claims(user(), List.of("llm")).notBeforeTime(in(Duration.ofMinutes(10))).build()),
                "not yet valid");
    }

    @Test
    void rejectsAnotherIssuer() {
        assertRejected(Tokens.sign(RSA, claims(user(), List.of("llm")).issuer("https://evil.test").build()), "wrong issuer");
    }

    @Test
    void rejectsAnotherAudience() {
        assertRejected(Tokens.sign(RSA, claims(user(), List.of("llm")).audience("other-app").build()), "wrong audience");
    }

    @Test
    void rejectsAForgedSignature() {
        RSAKey impostor = Tokens.rsa(RSA.getKeyID());
        assertRejected(Tokens.sign(impostor, claims(user(), List.of("admin")).build()), "signature is invalid");
    }

    @Test
    void rejectsUnsignedTokens() {
        assertRejected(Tokens.unsigned(claims(user(), List.of("admin")).build()), "unsigned");
    }

    @Test
    void rejectsHmacSignedWithThePublicKey() {
        assertRejected(Tokens.hs256WithPublicKey(RSA, claims(user(), List.of("admin")).build()), "HS256");
    }

    @Test
    void rejectsATokenWithoutSubject() {
        assertRejected(Tokens.sign(RSA, claims(null, List.of("llm")).build()), "no subject");
    }

    @Test
    void apiKeysStillWorkInTheSameHeader() {
        assertEquals(200, Keys.create("llm").api().get("/v1/keys").status());
        assertEquals(200, Api.admin().get("/v1/admin/keys").status());
        Errors.assertError(Api.as("qk_not-a-real-key").get("/v1/keys"), 401, "invalid_api_key");
    }

    @Test
    void groupsGrantScopes() {
        Errors.assertError(Api.as(token(user(), "llm", "models")).get("/v1/admin/keys"), 403, "insufficient_scope");
        Api.Reply admin = Api.as(token(user(), "admin")).get("/v1/admin/keys");
        assertEquals(200, admin.status(), admin.toString());

        String asString = Tokens.sign(RSA, claims(user(), null).claim("groups", "llm admin").build());
        assertEquals(200, Api.as(asString).get("/v1/admin/keys").status());
        Errors.assertError(Api.as(Tokens.sign(RSA, claims(user(), null).build())).get("/v1/admin/keys"),
                403, "insufficient_scope");
    }

    @Test
    void aKeyMadeBySignedInUserSharesTheirTeamAndScopes() {
        String team = Keys.createTeam();
        String carol = token(user(), "llm", "models", "team:" + team);

        Api.Reply made = Api.as(carol).post("/v1/keys", obj("name", "carol's laptop", "scopes", List.of("llm")));
        assertEquals(201, made.status(), made.toString());
        JsonNode key = made.json();
        assertEquals(team, key.get("team_id").asText());
        assertEquals(List.of("llm"), StreamSupport.stream(key.get("scopes").spliterator(), false).map(JsonNode::asText).toList());
        String id = key.get("id").asText();
        String secret = key.get("key").asText();
        assertTrue(secret.startsWith("qk_"));

        assertTrue(ids(Api.as(carol).get("/v1/keys")).contains(id), "the user lists the key they made");
        JsonNode listed = find(Api.admin().get("/v1/admin/keys"), id);
        assertEquals(team, listed.get("team_id").asText(), "the key's owner is the user's team");
        assertFalse(listed.has("key"), "no secret in listings");

        assertEquals(200, Api.as(secret).get("/v1/keys").status(), "the new key works");
        Errors.assertError(Api.as(secret).get("/v1/admin/keys"), 403, "insufficient_scope");

        String dave = token(user(), "llm", "team:" + team);
        assertFalse(ids(Api.as(dave).get("/v1/keys")).contains(id), "another user does not list it");
        Errors.assertError(Api.as(dave).delete("/v1/keys/" + id), 404, "not_found");

        assertEquals(204, Api.as(carol).delete("/v1/keys/" + id).status());
        Errors.assertError(Api.as(secret).get("/v1/keys"), 401, "invalid_api_key");
    }

    @Test
    void aUserWithoutTeamOwnsTheirKeysThemselves() {
        String erin = user();
        Api.Reply made = Api.as(token(erin, "ocr")).post("/v1/keys", obj("name", "erin", "scopes", List.of("ocr")));
        assertEquals(201, made.status(), made.toString());
        assertTrue(made.json().get("team_id").isNull(), made.toString());
        String id = made.json().get("id").asText();
        assertTrue(ids(Api.as(token(erin, "ocr")).get("/v1/keys")).contains(id), "a fresh token of the same user sees it");
    }

    @Test
    void aUserCannotMakeAKeyBeyondTheirOwnScopes() {
        Errors.assertError(Api.as(token(user(), "llm")).post("/v1/keys",
                obj("name", "escalate", "scopes", List.of("llm", "admin"))), 403, "insufficient_scope");
    }

    @Test
    void aTeamUnknownToQalamCannotOwnKeys() {
        Errors.assertError(Api.as(token(user(), "llm", "team:doesnotexist")).post("/v1/keys",
                obj("name", "ghost", "scopes", List.of("llm"))), 403, "unknown_team");
    }

    static List<String> ids(Api.Reply r) {
        assertEquals(200, r.status(), r.toString());
        return StreamSupport.stream(r.json().get("keys").spliterator(), false).map(k -> k.get("id").asText()).toList();
    }

    static JsonNode find(Api.Reply r, String id) {
        assertEquals(200, r.status(), r.toString());
        return StreamSupport.stream(r.json().get("keys").spliterator(), false)
                .filter(k -> k.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no key " + id + " in " + r));
    }
}
