package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    @Test
    void readyAndLiveReportTheDatabase() {
        for (String path : new String[] {"/health/ready", "/health/live"}) {
            Api.Reply r = Api.anonymous().get(path);
            assertEquals(200, r.status(), r.toString());
            assertEquals("UP", r.json().get("status").asText());
            assertTrue(r.body().contains("database"), r.body());
        }
    }
}
