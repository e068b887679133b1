package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qalam.testing.Api;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code openapi/openapi.yaml} says what the running server's document says (compared as trees,
 * without the {@code servers} block), and the served document validates. When the committed copy is stale this
 * fails and writes the served one to {@code target/openapi.yaml}; run with {@code -Dqalam.updateOpenapi=true}
 * to update the committed copy instead. OpenApiDocumentTest holds the committed copy to the rules.
 */
class OpenApiIT {

    private static String served;

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
        Api.Reply r = Api.anonymous().get("/openapi");
        assertEquals(200, r.status(), r.toString());
        served = r.body();
    }

    @Test
    void servedAndUiAvailable() {
        assertEquals(200, Api.anonymous().get("/openapi/ui/").status());
    }

    @Test
    void servedDocumentValidates() {
        OpenApiDocument.Parsed parsed = OpenApiDocument.parse(served);
        assertTrue(parsed.api() != null, "parsed");
        assertEquals(List.of(), parsed.messages());
    }

    /** Liberty validates the document it builds: CWWKO1650E lists its errors, CWWKO1651W its warnings. */
    @Test
    void serverFoundNoErrorInItsDocument() throws IOException {
        Path log = Path.of(System.getProperty("qalam.serverDir", "target/liberty/wlp"),
                "usr", "servers", "qalam", "logs", "messages.log");
        if (!Files.exists(log)) {
            return;
        }
        String messages = Files.readString(log, StandardCharsets.UTF_8);
        assertFalse(messages.contains("CWWKO1650E") || messages.contains("CWWKO1651W"), () -> messages.lines()
                .filter(l -> l.contains("CWWKO16")).reduce("", (a, b) -> a + b + "\n"));
    }

    @Test
    void committedDocumentMatchesTheServer() throws IOException {
        String normalised = normalise(served);
        if (Boolean.getBoolean("qalam.updateOpenapi")) {
            Files.createDirectories(OpenApiDocument.COMMITTED.getParent());
            Files.writeString(OpenApiDocument.COMMITTED, normalised, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(OpenApiDocument.COMMITTED) ? OpenApiDocument.committed() : "";
        if (committed.isEmpty() || !OpenApiDocument.tree(served).equals(OpenApiDocument.tree(committed))) {
            Path fresh = Path.of("target", "openapi.yaml");
            Files.writeString(fresh, normalised, StandardCharsets.UTF_8);
            fail("openapi/openapi.yaml is stale: the server's document is in " + fresh
                    + "; copy it over, or rerun with -Dqalam.updateOpenapi=true");
        }
    }

    /** Drops the {@code servers} block, which names the host and port of whichever server answered. */
    static String normalise(String yaml) {
        StringBuilder out = new StringBuilder();
        boolean inServers = false;
        for (String line : yaml.split("\n", -1)) {
            if (line.startsWith("servers:")) {
                inServers = true;
                continue;
            }
            if (inServers && (line.startsWith(" ") || line.startsWith("-"))) {
                continue;
            }
            inServers = false;
            out.append(line).append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }
}
