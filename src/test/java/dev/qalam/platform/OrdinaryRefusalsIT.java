package dev.qalam.platform;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client's mistake is answered, not an incident: Liberty writes an FFDC incident file (and a line in
 * messages.log naming the exception and its message) for every exception that crosses a transaction boundary,
 * so ordinary 4xx answers must be decided outside transactions.
 */
class OrdinaryRefusalsIT {

    @Test
    void keyAndTeamRefusalsWriteNoIncident() {
        String unique = UUID.randomUUID().toString().replace("-", "");
        String unknownKey = "key_" + unique;
        Errors.assertError(Api.admin().delete("/v1/admin/keys/" + unknownKey), 404, "not_found");
        Errors.assertError(Keys.create("models").api().delete("/v1/keys/" + unknownKey), 404, "not_found");
        Errors.assertError(Api.admin().post("/v1/admin/keys", obj("name", "x", "scopes", List.of("llm"),
                "team_id", "team_" + unique)), 400, "invalid_value");
        Errors.assertError(Keys.create("models").api().post("/v1/keys", obj("name", unique, "scopes", List.of("llm"))),
                403, "insufficient_scope");
        Keys.TestKey limited = Keys.create(null, null, 0L, "llm");
        Errors.assertError(limited.api().post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of(obj("role", "user", "content", unique)))), 402, "request_limit_exceeded");

        // Liberty's incidents (FFDC); Payara writes none, and its log is read all the same.
        String log = TestServer.log();
        for (String line : log.split("\n")) {
            if (line.contains("FFDC1015I")) {
                assertFalse(line.contains(unique), "an incident for an ordinary refusal: " + line);
                assertFalse(line.contains(limited.id()), "an incident for an ordinary refusal: " + line);
                assertFalse(line.contains("Request limit exceeded"), "an incident for an ordinary refusal: " + line);
            }
        }
    }
}
