package dev.qalam.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.qalam.testing.Api.obj;
import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.qalam.deployment.content.TestContent;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Deployment API's chat completion over real HTTP: {@code local/extractive} in process, and fakes of Groq
 * (OpenAI format) and Gemini (native format, a vision model) on the port {@code ./qalam test} points the server
 * at, which also serves the web pages that URL parts fetch (the one host the suite allow-lists).
 */
class DeploymentChatIT {

    static final String GROQ = "/openai/v1/chat/completions";
    static final String GEMINI = "/gemini/v1beta/models/gemini-2.5-flash-lite:generateContent";
    static final String PROMPT = "You answer questions about the Riyadh museum of calligraphy.";

    static WireMockServer fake;
    static int fakePort;
    static String team;
    static Keys.TestKey key;
    static Deployments.Deployment extractive;
    static Deployments.Deployment groq;
    static Deployments.Deployment gemini;

    @BeforeAll
    static void setUp() {
        String port = System.getenv("QALAM_FAKE_UPSTREAM_PORT");
        if (port == null) {
            throw new IllegalStateException("QALAM_FAKE_UPSTREAM_PORT is not set: run the suite with ./qalam test");
        }
        fakePort = Integer.parseInt(port);
        fake = new WireMockServer(options().port(fakePort));
        fake.start();
        TestServer.awaitReady();
        team = Deployments.team(false, null);
        key = Keys.createInTeam(team, "deployment");
        extractive = Deployments.create(team, "local/extractive", PROMPT, List.of());
        groq = Deployments.create(team, "llama-3.3-70b", PROMPT, List.of());
        gemini = Deployments.create(team, "google/gemini-2.5-flash-lite", PROMPT, List.of());
    }

    @AfterAll
    static void tearDown() {
        if (fake != null) {
            fake.stop();
        }
    }

    static Api.Reply chat(Deployments.Deployment d, Object body) {
        return key.api().post(d.chatPath(), body, Deployments.newClientAddress());
    }

    static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "");
    }

    static String completion(String text) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"llama-3.3-70b-versatile\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":9,\"total_tokens\":30}}";
    }

    static String geminiAnswer(String text) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":8,\"candidatesTokenCount\":4,\"totalTokenCount\":12}}";
    }

    /** The bodies the fake received at {@code path} that contain {@code marker}, in order. */
    static List<JsonNode> received(String path, String marker) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : fake.findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(containing(marker)))) {
            try {
                out.add(Api.JSON.readTree(r.getBodyAsString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static Map<String, Object> urlPart(String url, Map<String, Object> options) {
        return options == null ? obj("type", "url", "url", url) : obj("type", "url", "url", url, "options", options);
    }

    static Map<String, Object> withParts(Object... parts) {
        return obj("messages", List.of(obj("role", "user", "content", List.of(parts))));
    }

    static Map<String, Object> text(String t) {
        return obj("type", "text", "text", t);
    }

    static String textDataUrl(String text) {
        return "data:text/plain;base64," + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String pdf(String... pages) {
        List<List<String>> content = new ArrayList<>();
        for (String p : pages) {
            content.add(List.of(p));
        }
        return TestContent.dataUrl("application/pdf", TestContent.englishPdf(content, PDRectangle.A6));
    }

    @Test
    void anAttachedDocumentIsContextForTheAnswer() {
        Api.Reply r = chat(extractive, withParts(text("When does the museum open?"),
                urlPart(textDataUrl("The museum opens at nine in the morning.\n\nTickets cost ten riyals."), null)));
        assertEquals(200, r.status(), r.toString());
        JsonNode c = r.json();
        assertEquals("chat.completion", c.get("object").asText());
        assertEquals("local/extractive", c.get("model").asText());
        String answer = c.get("choices").get(0).get("message").get("content").asText();
        assertTrue(answer.contains("> The museum opens at nine in the morning."), answer);
        assertFalse(answer.contains("ten riyals"), answer);
        assertEquals("stop", c.get("choices").get(0).get("finish_reason").asText());
        JsonNode usage = c.get("usage");
        assertTrue(usage.get("prompt_tokens").asInt() > 0, usage.toString());
        assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(),
                usage.get("total_tokens").asInt());
        assertTrue(usage.has("prompt_embedding_tokens"), usage.toString());
        assertTrue(c.get("contexts").isArray(), c.toString());
        assertNotNull(r.header("X-RateLimit-Limit"), "rate limit headers on every answer");
        assertNotNull(r.header("X-RateLimit-Remaining"));
        assertNotNull(r.header("X-RateLimit-Reset"));
    }

    @Test
    void theClientsSystemMessageStaysBelowTheDeploymentsPromptAndTheModelCondenses() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m)).withRequestBody(containing("Standalone search query"))
                .atPriority(1).willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("What is the population of Paris " + m + "?"))));
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m)).atPriority(2)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("About 2.1 million people live in Paris."))));
        // The Deployment API's multi-turn example, with a model the client cannot choose.
        Api.Reply r = chat(groq, obj("model", "gpt-4o", "messages", List.of(
                obj("role", "system", "content", "You are a helpful assistant who specializes in geography."),
                obj("role", "user", "content", "What is the capital of France? " + m),
                obj("role", "assistant", "content", "The capital of France is Paris. It's often called the 'City of Light' (Ville Lumière)."),
                obj("role", "user", "content", "Tell me more about its population."))));
        assertEquals(200, r.status(), r.toString());
        assertEquals("About 2.1 million people live in Paris.", r.json().get("choices").get(0).get("message").get("content").asText());
        assertEquals("What is the population of Paris " + m + "?", r.json().get("retrieval_query").asText());
        assertEquals("llama-3.3-70b", r.json().get("model").asText());
        List<JsonNode> bodies = received(GROQ, m);
        assertEquals(2, bodies.size(), bodies.toString());
        JsonNode answer = bodies.get(1);
        assertEquals("llama-3.3-70b-versatile", answer.get("model").asText());
        JsonNode msgs = answer.get("messages");
        assertEquals("system", msgs.get(0).get("role").asText());
        assertTrue(msgs.get(0).get("content").asText().startsWith(PROMPT), msgs.toString());
        assertEquals("system", msgs.get(1).get("role").asText());
        assertEquals("You are a helpful assistant who specializes in geography.", msgs.get(1).get("content").asText());
        assertEquals("Tell me more about its population.", msgs.get(msgs.size() - 1).get("content").asText());
        assertEquals(0.2, answer.get("temperature").asDouble(), "the deployment's temperature");
        // Both calls are counted.
        assertEquals(21 + 21, r.json().get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void rewriteQueryReplacesTheCondensedQuestion() {
        Api.Reply r = chat(extractive, obj("messages", List.of(
                obj("role", "user", "content", "What's the weather in Bali?"),
                obj("role", "assistant", "content", "It's hot and humid."),
                obj("role", "user", "content", "How about in Jakarta?")),
                "rewrite_query", "What's the weather in Jakarta?"));
        assertEquals(200, r.status(), r.toString());
        assertEquals("What's the weather in Jakarta?", r.json().get("retrieval_query").asText());
    }

    @Test
    void localExtractiveCondensesFollowUpsByRule() {
        Api.Reply r = chat(extractive, obj("messages", List.of(
                obj("role", "user", "content", "What is the capital of France?"),
                obj("role", "assistant", "content", "The capital of France is Paris."),
                obj("role", "user", "content", "Tell me more about its population."))));
        assertEquals(200, r.status(), r.toString());
        assertEquals("What is the capital of France? Tell me more about its population.",
                r.json().get("retrieval_query").asText());
        Api.Reply single = chat(extractive, Deployments.ask("What is the capital of France?"));
        assertEquals("What is the capital of France?", single.json().get("retrieval_query").asText());
    }

    @Test
    void aPdfAttachmentIsReadOnItsSelectedPages() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion("Summarised."))));
        String doc = pdf("Alpha page about calligraphy tools.", "Beta page about Kufic script.",
                "Gamma page about Naskh script.", "Delta page about paper making.");
        Api.Reply r = chat(groq, withParts(text("Please summarize this research paper " + m),
                obj("type", "url", "url", doc, "name", "Research paper", "options", obj("select_pages", "2-3"))));
        assertEquals(200, r.status(), r.toString());
        String system = received(GROQ, m).get(0).get("messages").get(0).get("content").asText();
        assertTrue(system.contains("Beta page about Kufic script.") && system.contains("Gamma page about Naskh script."), system);
        assertTrue(system.contains("[Research paper, page 2]"), system);
        assertFalse(system.contains("Alpha page") || system.contains("Delta page"), system);

        assertError(chat(groq, withParts(text("Summarize"), urlPart(doc, obj("select_pages", "9")))), 400,
                "invalid_select_pages");
        assertError(chat(groq, withParts(text("Summarize"), urlPart(doc, obj("select_pages", "3-1")))), 400,
                "invalid_select_pages");
        assertError(chat(groq, withParts(text("Summarize"), urlPart(doc, obj("select_pages", "1-2,x")))), 400,
                "invalid_select_pages");
    }

    @Test
    void pageScreenshotsReachAVisionModelAndImagesAreRefusedWithoutVision() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GEMINI)).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(geminiAnswer("A page."))));
        String doc = pdf("Epsilon page with a chart.", "Zeta page.");
        Api.Reply r = chat(gemini, withParts(text("What does page one show? " + m),
                urlPart(doc, obj("select_pages", "1", "include_page_screenshot_as_image", true))));
        assertEquals(200, r.status(), r.toString());
        JsonNode body = received(GEMINI, m).get(0);
        String seen = body.toString();
        assertTrue(seen.contains("Epsilon page with a chart."), seen);
        assertTrue(seen.contains("\"mimeType\":\"image/png\""), "the page image: " + seen.substring(0, Math.min(600, seen.length())));
        assertFalse(seen.contains("Zeta page."), "only the selected page");

        // The Deployment API's image part, on a model that reads images and on one that does not.
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        String m2 = marker();
        fake.stubFor(post(urlEqualTo(GEMINI)).withRequestBody(containing(m2))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(geminiAnswer("A dot."))));
        Api.Reply seenImage = chat(gemini, withParts(text("What's in this image? " + m2),
                obj("type", "image", "image_url", obj("url", png, "detail", "high"))));
        assertEquals(200, seenImage.status(), seenImage.toString());
        assertTrue(received(GEMINI, m2).get(0).toString().contains("inlineData"));
        assertError(chat(groq, withParts(text("What's in this image?"),
                obj("type", "image_url", "image_url", obj("url", png, "detail", "high")))), 400, "model_not_multimodal");
        // Without vision, page images are left out and the text still arrives.
        String m3 = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m3))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion("Text only."))));
        assertEquals(200, chat(groq, withParts(text("Summarize " + m3),
                urlPart(doc, obj("include_page_screenshot_as_image", true)))).status());
        String groqSeen = received(GROQ, m3).get(0).toString();
        assertTrue(groqSeen.contains("Epsilon page") && !groqSeen.contains("image_url"), groqSeen);
    }

    @Test
    void aWebPageIsFetchedAndPrivateAddressesAreRefused() {
        fake.stubFor(get(urlEqualTo("/pages/museum.html")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><head><title>Museum hours</title><script>var hidden = 'no';</script></head>"
                        + "<body><h1>Visiting</h1><p>The calligraphy hall closes at eight in the evening.</p></body></html>")));
        Api.Reply r = chat(extractive, withParts(text("When does the calligraphy hall close?"),
                urlPart("http://localhost:" + fakePort + "/pages/museum.html", null)));
        assertEquals(200, r.status(), r.toString());
        String answer = r.json().get("choices").get(0).get("message").get("content").asText();
        assertTrue(answer.contains("The calligraphy hall closes at eight in the evening."), answer);

        for (String url : List.of("http://127.0.0.1:" + fakePort + "/pages/museum.html", "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + fakePort + "/pages/museum.html",
                "http://2130706433:" + fakePort + "/pages/museum.html", "http://192.168.1.1/")) {
            JsonNode e = assertError(chat(extractive, withParts(text("What is there?"), urlPart(url, null))), 400,
                    "url_not_allowed");
            assertFalse(e.get("message").asText().contains("calligraphy"), e.toString());
        }
        assertError(chat(extractive, withParts(text("What is there?"), urlPart("file:///etc/passwd", null))), 400,
                "invalid_url");
    }

    @Test
    void aStreamCarriesContextsFirstAndUsageLastThenDone() {
        Api.Reply r = chat(extractive, obj("stream", true, "include_usage", true, "messages", List.of(obj("role",
                "user", "content", List.of(text("When does the museum open?"),
                        urlPart(textDataUrl("The museum opens at nine in the morning."), null))))));
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("text/event-stream"), r.header("Content-Type"));
        List<String> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data:")) {
                events.add(line.substring(5).strip());
            }
        }
        assertEquals("[DONE]", events.get(events.size() - 1), events.toString());
        StringBuilder content = new StringBuilder();
        JsonNode first = read(events.get(0));
        assertEquals("chat.completion.chunk", first.get("object").asText());
        assertTrue(first.get("contexts").isArray(), "contexts on the first chunk: " + first);
        assertTrue(first.get("usage").isNull(), first.toString());
        for (int i = 0; i < events.size() - 2; i++) {
            JsonNode chunk = read(events.get(i));
            if (i > 0) {
                assertTrue(chunk.get("contexts").isNull(), "contexts only on the first chunk: " + chunk);
            }
            JsonNode delta = chunk.get("choices").get(0).get("delta");
            if (delta.has("content")) {
                content.append(delta.get("content").asText());
            }
        }
        assertTrue(content.toString().contains("> The museum opens at nine in the morning."), content.toString());
        JsonNode last = read(events.get(events.size() - 2));
        assertEquals(0, last.get("choices").size(), last.toString());
        assertTrue(last.get("usage").get("total_tokens").asInt() > 0, last.toString());
        assertTrue(last.get("usage").has("prompt_embedding_tokens"), last.toString());
    }

    static JsonNode read(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRefusalIsInTheErrorShape() {
        assertEquals(401, Api.anonymous().post(extractive.chatPath(), Deployments.ask("Hi?")).status());
        assertError(Api.anonymous().post(extractive.chatPath(), Deployments.ask("Hi?")), 401, null);
        assertError(Api.as("qk_not-a-key").post(extractive.chatPath(), Deployments.ask("Hi?")), 401, null);
        Keys.TestKey otherTeam = Keys.createInTeam(Deployments.team(false, null), "deployment");
        Api.Reply forbidden = otherTeam.api().post(extractive.chatPath(), Deployments.ask("Hi?"));
        assertError(forbidden, 403, "team_forbidden");
        assertEquals(null, forbidden.header("X-RateLimit-Limit"), "a refused caller counts against no limit");
        assertError(Keys.createInTeam(team, "llm").api().post(extractive.chatPath(), Deployments.ask("Hi?")), 403,
                "insufficient_scope");
        assertError(key.api().post("/api/deployment/" + team + "/dep_unknown/chat/completions", Deployments.ask("Hi?")),
                404, "not_found");

        Api.Reply empty = chat(extractive, obj("messages", List.of()));
        assertError(empty, 400, "invalid_value");
        assertNotNull(empty.header("X-RateLimit-Remaining"));
        assertError(chat(extractive, obj("stream", false)), 400, "missing_required_parameter");
        assertError(key.api().postRaw(extractive.chatPath(), "application/json", "{\"messages\": ["), 400, "invalid_json");
        assertError(chat(extractive, obj("messages", List.of(obj("role", "assistant", "content", "Hello.")))), 400,
                "invalid_value");
        assertError(chat(extractive, obj("messages", List.of(obj("role", "robot", "content", "Hello.")))), 400,
                "invalid_value");
        JsonNode filter = assertError(chat(extractive, obj("messages", List.of(obj("role", "user", "content", "Hi?")),
                "filter_metadata", obj("bool", obj("must", List.of(obj("match", obj("jurisdiction", "alabama"))))))),
                400, "invalid_filter");
        assertTrue(filter.get("message").asText().contains("filter_metadata.bool.must[0]"), filter.toString());
        assertError(chat(extractive, obj("messages", List.of(obj("role", "user", "content", "Hi?")),
                "filter_metadata", "{not json")), 400, "invalid_filter");
        assertError(chat(extractive, obj("messages", List.of(obj("role", "user", "content", "Hi?")),
                "rewrite_query", 42)), 400, "invalid_type");
        assertError(chat(extractive, withParts(text("Hi"), obj("type", "url"))), 400, "invalid_content_part");
    }

    @Test
    void theSourceOfARequestIsRecorded() {
        Api.Reply r = key.api().post(extractive.chatPath() + "?source=slack&sourceId=C0123", Deployments.ask("Hello?"),
                Deployments.newClientAddress());
        assertEquals(200, r.status(), r.toString());
        Api.Reply list = key.api().get("/v1/admin/teams/" + team + "/deployments/" + extractive.id() + "/requests");
        assertEquals(200, list.status(), list.toString());
        boolean found = false;
        for (JsonNode req : list.json().get("requests")) {
            found |= "slack".equals(req.path("source").asText()) && "C0123".equals(req.path("source_id").asText());
        }
        assertTrue(found, list.toString());
    }
}
