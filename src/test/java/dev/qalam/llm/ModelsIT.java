package dev.qalam.llm;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.models.Model;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/models}: the fields of docs/api-contract.md for every model the server can serve as configured. */
class ModelsIT {

    static Keys.TestKey key;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        key = Keys.create("models", "llm");
    }

    @Test
    void listsServableModelsWithTheDocumentedFields() {
        Api.Reply r = key.api().get("/v1/models");
        assertEquals(200, r.status(), r.toString());
        JsonNode body = r.json();
        assertEquals("list", body.get("object").asText());
        Map<String, JsonNode> byId = new HashMap<>();
        body.get("data").forEach(m -> byId.put(m.get("id").asText(), m));
        // The test run configures Groq, Gemini and deepcloud (fakes), not OpenAI.
        JsonNode llama = byId.get("llama-3.3-70b");
        assertEquals("model", llama.get("object").asText());
        assertEquals(1764841634L, llama.get("created").asLong());
        assertEquals("groq", llama.get("owned_by").asText());
        assertEquals("llm", llama.get("type").asText());
        assertEquals(1764841607L, byId.get("google/gemini-2.5-flash").get("created").asLong());
        assertEquals("google_gemini", byId.get("google/gemini-2.5-flash").get("owned_by").asText());
        JsonNode local = byId.get("local/extractive");
        assertEquals("qalam", local.get("owned_by").asText());
        assertEquals("llm", local.get("type").asText());
        assertFalse(byId.containsKey("openai/gpt-5-mini"), "OpenAI is not configured");
        assertEquals("deepcloud", byId.get("deep-sa/alLLM").get("owned_by").asText());
        assertEquals(1769554340L, byId.get("deep-sa/alLLM").get("created").asLong());
        assertEquals("embedding", byId.get("deep-sa/alEmbedding").get("type").asText());
    }

    @Test
    void sdkListsAndRetrievesModels() {
        var client = OpenAiSdk.client(key.secret());
        List<String> ids = new ArrayList<>();
        client.models().list().autoPager().forEach(m -> ids.add(m.id()));
        assertTrue(ids.contains("local/extractive"), ids.toString());
        Model m = client.models().retrieve("llama-3.3-70b");
        assertEquals("groq", m.ownedBy());
        assertEquals(1764841634L, m.created());
        // The SDK percent-encodes the slash of such ids (google%2Fgemini-2.5-flash); the plain path works too.
        Model gm = client.models().retrieve("google/gemini-2.5-flash");
        assertEquals("google_gemini", gm.ownedBy());
        assertEquals("local/extractive", client.models().retrieve("local/extractive").id());
        JsonNode g = key.api().get("/v1/models/google/gemini-2.5-flash").json();
        assertEquals("google_gemini", g.get("owned_by").asText());
        assertEquals(1764841607L, g.get("created").asLong());
    }

    @Test
    void averageLatencyAppearsOnceAModelServed() {
        assertEquals(200, key.api().post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of(obj("role", "user", "content", "hello")))).status());
        JsonNode m = key.api().get("/v1/models/local/extractive").json();
        assertTrue(m.get("avg_latency_ms").isNumber(), m.toString());
        String metrics = Api.admin().get("/v1/metrics?scope=application").body();
        assertTrue(metrics.contains("qalam_llm_avg_latency") && metrics.contains("model=\"local/extractive\""), metrics);
        assertTrue(metrics.contains("qalam_llm_latency"), metrics);
    }

    @Test
    void unknownOrUnservableModelIs404() {
        Errors.assertError(key.api().get("/v1/models/no-such-model"), 404, "model_not_found");
        Errors.assertError(key.api().get("/v1/models/openai/gpt-5-mini"), 404, "model_not_found");
    }

    @Test
    void needsTheModelsScope() {
        Errors.assertError(Keys.create("llm").api().get("/v1/models"), 403, "insufficient_scope");
    }
}
