package dev.qalam.platform;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Teams and keys through the operator's API: creation, listing without secrets, revocation, scopes. */
class AdminKeysIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    @Test
    void createdKeyAuthenticatesAndRevokedKeyIsRefusedAtOnce() {
        Keys.TestKey key = Keys.create("admin");
        assertTrue(key.secret().startsWith("qk_"));
        assertEquals(200, key.api().get("/v1/admin/teams").status());

        assertEquals(204, Api.admin().delete("/v1/admin/keys/" + key.id()).status());
        Errors.assertError(key.api().get("/v1/admin/teams"), 401, "invalid_api_key");
        Errors.assertError(Api.admin().delete("/v1/admin/keys/" + key.id()), 404, "not_found");
    }

    @Test
    void createAnswersTheDocumentedFieldsAndTheSecretOnlyOnce() {
        String team = Keys.createTeam();
        Api.Reply r = Api.admin().post("/v1/admin/keys",
                obj("name", "ci key", "scopes", List.of("llm", "models"), "team_id", team,
                        "ocr_page_balance", 10, "request_limit", 5));
        assertEquals(201, r.status(), r.toString());
        JsonNode k = r.json();
        for (String f : List.of("id", "key", "name", "scopes", "team_id", "created_at")) {
            assertTrue(k.has(f), f + " in " + k);
        }
        assertEquals(team, k.get("team_id").asText());
        assertEquals("[\"llm\",\"models\"]", k.get("scopes").toString());
        String secret = k.get("key").asText();

        Api.Reply list = Api.admin().get("/v1/admin/keys");
        assertEquals(200, list.status());
        assertFalse(list.body().contains(secret), "listing must not contain secrets");
        JsonNode listed = StreamSupport.stream(list.json().get("keys").spliterator(), false)
                .filter(n -> n.get("id").asText().equals(k.get("id").asText())).findFirst().orElseThrow();
        assertFalse(listed.has("key"));
        assertEquals("ci key", listed.get("name").asText());
        assertEquals(10, listed.get("ocr_page_balance").asInt());
        assertEquals(5, listed.get("request_limit").asInt());
    }

    @Test
    void keyWithoutTeamAnswersTeamIdNull() {
        Api.Reply r = Api.admin().post("/v1/admin/keys", obj("name", "solo", "scopes", List.of("ocr")));
        assertEquals(201, r.status());
        assertTrue(r.json().has("team_id") && r.json().get("team_id").isNull(), r.body());
    }

    @Test
    void teamsAreCreatedAndListed() {
        Api.Reply r = Api.admin().post("/v1/admin/teams", obj("name", "Legal"));
        assertEquals(201, r.status(), r.toString());
        JsonNode t = r.json();
        assertNotNull(t.get("id"));
        assertEquals("Legal", t.get("name").asText());
        assertTrue(t.get("created_at").asText().endsWith("Z"), t.toString());
        assertTrue(Api.admin().get("/v1/admin/teams").body().contains(t.get("id").asText()));
    }

    @Test
    void scopesAreEnforced() {
        Keys.TestKey llmOnly = Keys.create("llm");
        Errors.assertError(llmOnly.api().get("/v1/admin/keys"), 403, "insufficient_scope");
        Errors.assertError(llmOnly.api().post("/v1/admin/teams", obj("name", "x")), 403, "insufficient_scope");
    }

    @Test
    void invalidKeyRequestsAreClear400s() {
        Errors.assertError(Api.admin().post("/v1/admin/keys", obj("name", "x", "scopes", List.of("root"))),
                400, "invalid_value");
        Errors.assertError(Api.admin().post("/v1/admin/keys", obj("name", "x", "scopes", List.of())),
                400, "invalid_value");
        Errors.assertError(Api.admin().post("/v1/admin/keys", obj("name", " ", "scopes", List.of("llm"))),
                400, "invalid_value");
        Errors.assertError(Api.admin().post("/v1/admin/keys",
                obj("name", "x", "scopes", List.of("llm"), "team_id", "no-such-team")), 400, "invalid_value");
        Errors.assertError(Api.admin().post("/v1/admin/keys",
                obj("name", "x", "scopes", List.of("llm"), "request_limit", -1)), 400, "invalid_value");
        Errors.assertError(Api.admin().postRaw("/v1/admin/teams", "application/json", ""), 400, null);
    }

    @Test
    void selfServiceKeysShareTheOwnerAndStayWithinTheCallersScopes() {
        Keys.TestKey parent = Keys.create("llm", "ocr");
        Api.Reply made = parent.api().post("/v1/keys", obj("name", "mine", "scopes", List.of("ocr")));
        assertEquals(201, made.status(), made.toString());
        String childSecret = made.json().get("key").asText();
        String childId = made.json().get("id").asText();

        Errors.assertError(parent.api().post("/v1/keys", obj("name", "too much", "scopes", List.of("admin"))),
                403, "insufficient_scope");

        assertTrue(parent.api().get("/v1/keys").body().contains(childId));
        Keys.TestKey stranger = Keys.create("llm");
        assertFalse(stranger.api().get("/v1/keys").body().contains(childId));
        Errors.assertError(stranger.api().delete("/v1/keys/" + childId), 404, "not_found");

        assertEquals(200, Api.as(childSecret).get("/v1/keys").status());
        assertEquals(204, parent.api().delete("/v1/keys/" + childId).status());
        Errors.assertError(Api.as(childSecret).get("/v1/keys"), 401, "invalid_api_key");
    }

    @Test
    void requestsOfKeysWithoutALimitAreCountedToo() {
        Keys.TestKey key = Keys.create("llm");
        Object chat = obj("model", "local/extractive",
                "messages", List.of(obj("role", "system", "content", "Riyadh is the capital of Saudi Arabia."),
                        obj("role", "user", "content", "What is the capital of Saudi Arabia?")));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, key.api().post("/v1/chat/completions", chat).status());
        }
        // Counted in memory and written every few seconds: poll the listing until the count lands.
        Poll.until(Duration.ofSeconds(30), "requests_used = 3", () -> StreamSupport.stream(
                        Api.admin().get("/v1/admin/keys").json().get("keys").spliterator(), false)
                .filter(n -> n.get("id").asText().equals(key.id())).findFirst().orElseThrow()
                .get("requests_used").asLong(), n -> n == 3);
    }
}
