package dev.qalam.deployment;

import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The deployment management endpoints: the operator creates and deletes, the team's own keys read. */
class DeploymentAdminIT {

    static String team;
    static Keys.TestKey teamKey;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        team = Deployments.team(false, null);
        teamKey = Keys.createInTeam(team, "deployment");
    }

    static String path(String teamId) {
        return "/v1/admin/teams/" + teamId + "/deployments";
    }

    @Test
    void theOperatorCreatesAndTheTeamReads() {
        Api.Reply created = Api.admin().post(path(team), Api.obj("name", "Geography helper", "model", "local/extractive",
                "system_prompt", "You are a helpful assistant who specializes in geography.", "temperature", 0.2,
                "top_k", 4, "collection_ids", List.of()));
        assertEquals(201, created.status(), created.toString());
        JsonNode d = created.json();
        String id = d.get("id").asText();
        assertTrue(id.startsWith("dep_"), id);
        assertEquals(team, d.get("team_id").asText());
        assertEquals("local/extractive", d.get("model").asText());
        assertEquals(4, d.get("top_k").asInt());
        assertEquals(0.2, d.get("temperature").asDouble());
        assertEquals("/api/deployment/" + team + "/" + id + "/chat/completions", d.get("chat_completions_path").asText());

        Api.Reply list = teamKey.api().get(path(team));
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.json().get("deployments").findValuesAsText("id").contains(id), list.toString());
        Api.Reply one = teamKey.api().get(path(team) + "/" + id);
        assertEquals(200, one.status(), one.toString());
        assertEquals("Geography helper", one.json().get("name").asText());

        assertError(teamKey.api().delete(path(team) + "/" + id), 403, "insufficient_scope");
        assertEquals(204, Api.admin().delete(path(team) + "/" + id).status());
        assertError(teamKey.api().get(path(team) + "/" + id), 404, "not_found");
        assertError(teamKey.api().post("/api/deployment/" + team + "/" + id + "/chat/completions",
                Deployments.ask("Hello?")), 404, "not_found");
    }

    @Test
    void anotherTeamsKeysAreRefused() {
        String other = Deployments.team(false, null);
        Keys.TestKey otherKey = Keys.createInTeam(other, "deployment");
        Deployments.Deployment d = Deployments.create(team, "local/extractive", null, List.of());
        assertError(otherKey.api().get(path(team)), 403, "team_forbidden");
        assertError(otherKey.api().get(path(team) + "/" + d.id()), 403, "team_forbidden");
        assertError(otherKey.api().post(path(team), Api.obj("name", "x", "model", "local/extractive")), 403,
                "insufficient_scope");
        // The deployment exists in one team only.
        assertError(Api.admin().get(path(other) + "/" + d.id()), 404, "not_found");
    }

    @Test
    void keysWithoutTheScopeOrWithoutAKeyAreRefused() {
        Keys.TestKey llmOnly = Keys.createInTeam(team, "llm");
        assertError(llmOnly.api().get(path(team)), 403, "insufficient_scope");
        assertEquals(401, Api.anonymous().get(path(team)).status());
        assertEquals(401, Api.as("qk_not-a-key").get(path(team)).status());
    }

    @Test
    void invalidDeploymentsAreRefusedWithTheFieldNamed() {
        Api admin = Api.admin();
        JsonNode e = assertError(admin.post(path(team), Api.obj("name", "x", "model", "no-such-model")), 400,
                "model_not_found");
        assertTrue(e.get("message").asText().contains("no-such-model"), e.toString());
        assertError(admin.post(path(team), Api.obj("name", "x", "model", "deep-sa/alEmbedding")), 400, "invalid_value");
        assertError(admin.post(path(team), Api.obj("model", "local/extractive")), 400, "missing_required_parameter");
        assertError(admin.post(path(team), Api.obj("name", "x", "model", "local/extractive", "top_k", 0)), 400,
                "invalid_value");
        assertError(admin.post(path(team), Api.obj("name", "x", "model", "local/extractive", "temperature", 3)), 400,
                "invalid_value");
        assertError(admin.post(path("no-such-team"), Api.obj("name", "x", "model", "local/extractive")), 404,
                "not_found");
        assertFalse(admin.get(path(team)).body().contains("no-such-model"));
    }

    @Test
    void teamsCarryTheirTrialAndLimit() {
        Api.Reply r = Api.admin().post("/v1/admin/teams", Map.of("name", "trial team", "trial", true,
                "daily_request_limit", 50));
        assertEquals(201, r.status(), r.toString());
        assertTrue(r.json().get("trial").asBoolean());
        assertEquals(50, r.json().get("daily_request_limit").asInt());
        assertError(Api.admin().post("/v1/admin/teams", Map.of("name", "t", "daily_request_limit", 0)), 400,
                "invalid_value");
    }
}
