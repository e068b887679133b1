package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Restarting the server with the same data directory loses nothing. */
class RestartIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    @Test
    void keysAndTeamsSurviveARestart() {
        String team = Keys.createTeam();
        Keys.TestKey kept = Keys.createInTeam(team, "admin");
        Keys.TestKey revoked = Keys.create("llm");
        assertEquals(204, Api.admin().delete("/v1/admin/keys/" + revoked.id()).status());

        TestServer.restart();

        assertEquals(200, kept.api().get("/v1/admin/teams").status());
        assertTrue(kept.api().get("/v1/admin/teams").body().contains(team));
        Errors.assertError(revoked.api().get("/v1/keys"), 401, "invalid_api_key");
    }
}
