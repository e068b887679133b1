package dev.qalam.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleFilterTest {

    @Test
    void theRootAndConsoleFilesAreTheConsoles() {
        assertEquals(ConsoleFilter.INDEX, ConsoleFilter.consolePath("/"));
        assertEquals(ConsoleFilter.INDEX, ConsoleFilter.consolePath(""));
        assertEquals(ConsoleFilter.INDEX, ConsoleFilter.consolePath("/console/"));
        assertEquals("/console/js/app.js", ConsoleFilter.consolePath("/console/js/app.js"));
        assertEquals("/webjars/uplot/1.6.30/dist/uPlot.esm.js", ConsoleFilter.consolePath("/webjars/uplot/1.6.30/dist/uPlot.esm.js"));
    }

    @Test
    void theApiAndEscapesAreNot() {
        assertNull(ConsoleFilter.consolePath("/v1/models"));
        assertNull(ConsoleFilter.consolePath("/openapi"));
        assertNull(ConsoleFilter.consolePath("/console/../WEB-INF/web.xml"));
        assertNull(ConsoleFilter.consolePath("/console/%2e%2e/WEB-INF/beans.xml"));
        assertNull(ConsoleFilter.consolePath("/console//etc/passwd.js"));
        assertNull(ConsoleFilter.consolePath("/webjars/some.jar.class"));
        assertNull(ConsoleFilter.consolePath("/console/js/"));
    }

    @Test
    void thePolicyAllowsNoInlineScriptAndOnlyTheIdentityProviderBesideThisServer() {
        String csp = ConsoleFilter.contentSecurityPolicy("https://sso.example.com", null);
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("connect-src 'self' https://sso.example.com;"), csp);
        assertTrue(!csp.contains("unsafe"), csp);
        assertEquals("https://sso.example.com:8443", ConsoleFilter.origin("https://sso.example.com:8443/realms/x"));
        assertNull(ConsoleFilter.origin("not a url"));
    }
}
