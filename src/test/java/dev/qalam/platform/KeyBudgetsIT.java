package dev.qalam.platform;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Budgets cannot escape through self-service keys (docs/keys.md): a key made with {@code POST /v1/keys} draws on
 * the budgets of the key that made it and of every key above that one, and is revoked with it.
 */
class KeyBudgetsIT {

    private static final Map<String, Object> CHAT = obj("model", "local/extractive",
            "messages", List.of(obj("role", "user", "content", "hi")));

    /** A key made by {@code maker} through the self-service endpoint. */
    private static Keys.TestKey child(Api maker, String... scopes) {
        Api.Reply r = maker.post("/v1/keys", obj("name", "child", "scopes", List.of(scopes)));
        assertEquals(201, r.status(), r.toString());
        return new Keys.TestKey(r.json().get("id").asText(), r.json().get("key").asText(), null);
    }

    private static JsonNode listed(String keyId) {
        Api.Reply r = Api.admin().get("/v1/admin/keys");
        assertEquals(200, r.status(), r.toString());
        return StreamSupport.stream(r.json().get("keys").spliterator(), false)
                .filter(k -> k.get("id").asText().equals(keyId)).findFirst().orElseThrow();
    }

    @Test
    void aKeyAndTheKeysItMadeShareItsRequestLimit() {
        Keys.TestKey parent = Keys.create(null, null, 2L, "llm");
        Keys.TestKey child = child(parent.api(), "llm");
        Keys.TestKey grandchild = child(child.api(), "llm");
        int ok = 0;
        for (Api api : List.of(child.api(), grandchild.api(), parent.api(), child.api(), grandchild.api())) {
            Api.Reply r = api.post("/v1/chat/completions", CHAT);
            if (r.status() == 200) {
                ok++;
            } else {
                Errors.assertError(r, 402, "request_limit_exceeded");
            }
        }
        assertEquals(2, ok, "five requests of three keys under one limit of 2");
        assertEquals(2, listed(parent.id()).get("requests_used").asLong());
    }

    @Test
    void aKeyMadeByALimitedKeyIsRefusedOnceTheMakerIsSpent() {
        Keys.TestKey parent = Keys.create(null, null, 1L, "llm");
        assertEquals(200, parent.api().post("/v1/chat/completions", CHAT).status());
        Keys.TestKey child = child(parent.api(), "llm");
        Errors.assertError(child.api().post("/v1/chat/completions", CHAT), 402, "request_limit_exceeded");
        Errors.assertError(child.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "x")),
                402, "request_limit_exceeded");
    }

    @Test
    void aKeyMadeByAKeyWithAPageBalanceDrawsOnIt() {
        Keys.TestKey parent = Keys.create(null, 1L, null, "ocr");
        Keys.TestKey child = child(parent.api(), "ocr");
        Errors.assertError(child.api().multipart("/v1/ocr/upload", "file", "two.pdf", "application/pdf",
                TestDocuments.blankPdf(2)), 402, "insufficient_ocr_balance");
    }

    @Test
    void revokingAKeyRevokesTheKeysItMadeAndTheirs() {
        Keys.TestKey parent = Keys.create("llm", "models");
        Keys.TestKey child = child(parent.api(), "models");
        Keys.TestKey grandchild = child(child.api(), "models");
        Keys.TestKey sibling = Keys.create("models");
        assertEquals(200, grandchild.api().get("/v1/models").status());

        JsonNode listedChild = listed(child.id());
        assertEquals("key:" + parent.id(), listedChild.get("created_by").asText());
        assertEquals(parent.id(), listedChild.get("parent_id").asText());

        assertEquals(204, Api.admin().delete("/v1/admin/keys/" + parent.id()).status());
        Errors.assertError(child.api().get("/v1/models"), 401, "invalid_api_key");
        Errors.assertError(grandchild.api().get("/v1/models"), 401, "invalid_api_key");
        assertEquals(200, sibling.api().get("/v1/models").status());
        assertFalse(listed(grandchild.id()).get("revoked_at").isNull());
    }

    @Test
    void revokingOnesOwnKeyRevokesWhatItMade() {
        Keys.TestKey parent = Keys.create("models");
        Keys.TestKey child = child(parent.api(), "models");
        Keys.TestKey grandchild = child(child.api(), "models");
        assertEquals(204, parent.api().delete("/v1/keys/" + child.id()).status());
        Errors.assertError(grandchild.api().get("/v1/models"), 401, "invalid_api_key");
        assertEquals(200, parent.api().get("/v1/models").status());
        // Another caller cannot revoke (or even see) it: 404.
        Errors.assertError(Keys.create("models").api().delete("/v1/keys/" + child.id()), 404, "not_found");
    }

    @Test
    void anUnlimitedMakerLeavesItsKeysUnlimited() {
        Keys.TestKey parent = Keys.create("llm");
        Keys.TestKey child = child(parent.api(), "llm");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, child.api().post("/v1/chat/completions", CHAT).status());
        }
        assertTrue(listed(child.id()).get("request_limit") == null || listed(child.id()).get("request_limit").isNull());
    }
}
