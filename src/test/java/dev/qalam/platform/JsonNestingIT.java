package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.platform.json.Jsonp;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON body nested 2,000 levels deep is a 400 in the error shape on every JSON endpoint, whether the
 * endpoint reads JSON-P values (chat completions, embeddings) or binds records (admin and self-service keys).
 */
class JsonNestingIT {

    static final String DEEP = "[".repeat(2000) + "]".repeat(2000);
    static Keys.TestKey key;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        key = Keys.create("llm", "models");
    }

    static void assertRefused(Api api, String path, String body) {
        JsonNode e = Errors.assertError(api.postRaw(path, "application/json", body), 400, "invalid_json");
        assertEquals("The request body is nested more than " + Jsonp.MAX_DEPTH + " levels deep.", e.get("message").asText());
    }

    @Test
    void chatCompletionsWholeAndStreamed() {
        assertRefused(key.api(), "/v1/chat/completions", "{\"model\":\"local/extractive\",\"messages\":" + DEEP + "}");
        assertRefused(key.api(), "/v1/chat/completions",
                "{\"model\":\"local/extractive\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":" + DEEP + "}]}");
        assertRefused(key.api(), "/v1/chat/completions", DEEP);
    }

    @Test
    void embeddings() {
        assertRefused(key.api(), "/v1/embeddings", "{\"model\":\"deep-sa/alEmbedding\",\"input\":" + DEEP + "}");
    }

    @Test
    void endpointsThatBindRecords() {
        assertRefused(Api.admin(), "/v1/admin/teams", "{\"name\":\"t\",\"extra\":" + DEEP + "}");
        assertRefused(Api.admin(), "/v1/admin/keys", "{\"name\":\"k\",\"scopes\":[\"llm\"],\"extra\":" + DEEP + "}");
        assertRefused(key.api(), "/v1/keys", "{\"name\":\"k\",\"scopes\":[\"llm\"],\"extra\":" + DEEP + "}");
        Api.Reply ok = Api.admin().post("/v1/admin/teams", "{\"name\":\"nested-ok\",\"extra\":[[[[{}]]]]}");
        assertTrue(ok.status() == 201, ok.toString());
    }

    /** U+0000 cannot be stored in PostgreSQL text: every JSON endpoint refuses it when reading, on any database. */
    @Test
    void aNulCharacterInTextIsA400NotAStorageFailure() {
        String message = "The request body holds the character U+0000 (\\u0000), which is not accepted in text.";
        for (String[] call : new String[][] {
                {"/v1/admin/teams", "{\"name\":\"\\u0000\"}"},
                {"/v1/admin/keys", "{\"name\":\"k\\u0000\",\"scopes\":[\"llm\"]}"},
                {"/v1/chat/completions", "{\"model\":\"local/extractive\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\u0000\"}]}"}}) {
            Api api = call[0].startsWith("/v1/admin") ? Api.admin() : key.api();
            JsonNode e = Errors.assertError(api.postRaw(call[0], "application/json", call[1]), 400, "invalid_json");
            assertEquals(message, e.get("message").asText(), call[0]);
        }
    }
}
