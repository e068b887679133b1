package dev.qalam.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's files over HTTP: served without a key, under a strict Content-Security-Policy. */
class ConsoleServingIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    @Test
    void theRootServesTheConsoleUnderAStrictPolicy() {
        Api.Reply r = Api.anonymous().get("/");
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
        assertTrue(r.body().contains("<script type=\"module\" src=\"/console/js/app.js\">"), r.body());
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe"), csp);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    @Test
    void scriptsAndWebJarsAreServedFromTheWar() {
        Api.Reply app = Api.anonymous().get("/console/js/app.js");
        assertEquals(200, app.status());
        assertTrue(app.header("Content-Type").startsWith("text/javascript"), app.header("Content-Type"));
        Api.Reply uplot = Api.anonymous().get("/webjars/uplot/1.6.30/dist/uPlot.esm.js");
        assertEquals(200, uplot.status());
        assertTrue(uplot.body().contains("export"), "an ES module");
        assertEquals(200, Api.anonymous().get("/console/config.json").status());
    }

    @Test
    void unknownFilesAndTheApiAreNotTheConsoles() {
        assertEquals(404, Api.anonymous().get("/console/nothing-here.js").status());
        assertEquals(401, Api.anonymous().get("/v1/models").status());
        assertEquals(404, Api.anonymous().get("/console/../WEB-INF/beans.xml").status());
    }
}
