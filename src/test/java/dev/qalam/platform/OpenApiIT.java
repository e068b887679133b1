package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qalam.testing.Api;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code openapi/openapi.yaml} is the document the running server generates. When it is
 * stale this fails and writes the fresh one to {@code target/openapi.yaml}; run with
 * {@code -Dqalam.updateOpenapi=true} to update the committed copy instead.
 */
class OpenApiIT {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    @Test
    void servedAndUiAvailable() {
        assertEquals(200, Api.anonymous().get("/openapi").status());
        assertEquals(200, Api.anonymous().get("/openapi/ui/").status());
    }

    @Test
    void committedDocumentMatchesTheServer() throws IOException {
        String served = normalise(Api.anonymous().get("/openapi").body());
        if (Boolean.getBoolean("qalam.updateOpenapi")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!served.equals(committed)) {
            Path fresh = Path.of("target", "openapi.yaml");
            Files.writeString(fresh, served, StandardCharsets.UTF_8);
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
