package dev.qalam.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against fakes of Groq (OpenAI format) and Gemini (native format) on the port that
 * {@code ./qalam test} points the server at, through the official OpenAI SDK: whole and streamed answers,
 * tools, the provider's errors, retries, Retry-After, a stream that stalls, fallback to the next model.
 */
class UpstreamGatewayIT {

    static final String GROQ = "/openai/v1/chat/completions";
    static final String GEMINI = "/gemini/v1beta/models/%s:%s";

    static WireMockServer fake;
    static Keys.TestKey key;
    static OpenAIClient client;

    @BeforeAll
    static void setUp() {
        String port = System.getenv("QALAM_FAKE_UPSTREAM_PORT");
        if (port == null) {
            throw new IllegalStateException("QALAM_FAKE_UPSTREAM_PORT is not set: run the suite with ./qalam test");
        }
        fake = new WireMockServer(options().port(Integer.parseInt(port)));
        fake.start();
        TestServer.awaitReady();
        key = Keys.create("llm", "models");
        client = OpenAiSdk.client(key.secret());
    }

    @AfterAll
    static void tearDown() {
        if (fake != null) {
            fake.stop();
        }
    }

    static String marker() {
        return "m-" + UUID.randomUUID();
    }

    static String completion(String model, String text) {
        return """
                {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,
                 "model":"%s","choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                 "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":21,"completion_tokens":9,"total_tokens":30}}
                """.formatted(model, text);
    }

    static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).temperature(0.2).maxTokens(64).build();
    }

    @Test
    void wholeAnswerFromGroqKeepsTheClientsModelId() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("llama-3.3-70b-versatile", "Riyadh."))));
        ChatCompletion c = client.chat().completions().create(ask("llama-3.3-70b", m));
        assertEquals("llama-3.3-70b", c.model());
        assertTrue(c.id().startsWith("chatcmpl-"));
        assertEquals("Riyadh.", c.choices().get(0).message().content().orElseThrow());
        assertEquals(30, c.usage().orElseThrow().totalTokens());
        fake.verify(postRequestedFor(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .withHeader("Authorization", equalTo("Bearer test-groq-key"))
                .withRequestBody(containing("\"model\":\"llama-3.3-70b-versatile\""))
                .withRequestBody(containing("\"temperature\":0.2")));
    }

    @Test
    void onlyTheParametersQalamForwardsReachTheProvider() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("llama-3.3-70b-versatile", "Stored nowhere."))));
        Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "llama-3.3-70b", "temperature", 0.3,
                "store", true, "metadata", obj("customer", "acme"), "logit_bias", obj("50256", -100),
                "messages", List.of(obj("role", "user", "content", m, "cache_hint", "x"))));
        assertEquals(200, r.status(), r.toString());
        fake.verify(postRequestedFor(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .withRequestBody(containing("\"temperature\":0.3"))
                .withRequestBody(notContaining("\"store\"")).withRequestBody(notContaining("metadata"))
                .withRequestBody(notContaining("acme")).withRequestBody(notContaining("logit_bias"))
                .withRequestBody(notContaining("cache_hint")));
    }

    @Test
    void theSeedsModelNameWorksAsAnAlias() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("llama-3.3-70b-versatile", "Hello!"))));
        ChatCompletion c = client.chat().completions().create(ask("llama-3.3-70b-versatile", m));
        assertEquals("llama-3.3-70b-versatile", c.model());
    }

    @Test
    void streamArrivesChunkByChunkWithUsage() {
        String m = marker();
        String body = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null) + chunk("{\"content\":\"Hel\"}", null)
                + chunk("{\"content\":\"lo\"}", null) + chunk("{}", "stop")
                + "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
                + "\"completion_tokens\":2,\"total_tokens\":7}}\n\ndata: [DONE]\n\n";
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m)).withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)
                        .withChunkedDribbleDelay(6, 300)));
        StringBuilder text = new StringBuilder();
        long usageTokens = -1;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("llama-3.3-70b").addUserMessage(m)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            for (ChatCompletionChunk ch : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
                assertEquals("llama-3.3-70b", ch.model());
                ch.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                if (ch.usage().isPresent()) {
                    usageTokens = ch.usage().get().totalTokens();
                }
            }
        }
        assertEquals("Hello", text.toString());
        assertEquals(7, usageTokens);
    }

    @Test
    void toolCallsPassThrough() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m)).withRequestBody(containing("get_weather"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"llama-3.3-70b-versatile",
                         "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123",
                         "type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Riyadh\\"}"}}]},
                         "logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}
                        """)));
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("llama-3.3-70b").addUserMessage(m)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build()).build()).build())
                .build());
        var call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertTrue(call.function().arguments().contains("Riyadh"));
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, c.choices().get(0).finishReason());
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m)).inScenario(m)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed-once")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Internal server error\",\"type\":\"server_error\"}}")));
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m)).inScenario(m)
                .whenScenarioStateIs("failed-once")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("llama-3.3-70b-versatile", "Second time lucky."))));
        ChatCompletion c = client.chat().completions().create(ask("llama-3.3-70b", m));
        assertEquals("Second time lucky.", c.choices().get(0).message().content().orElseThrow());
        fake.verify(2, postRequestedFor(urlEqualTo(GROQ)).withRequestBody(containing(m)));
    }

    @Test
    void clientErrorOfTheProviderReachesTheClientUnretried() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"'messages' must contain the word json\",\"type\":\"invalid_request_error\",\"code\":\"json_validate_failed\"}}")));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.chat().completions().create(ask("llama-3.3-70b", m)));
        assertTrue(e.getMessage().contains("must contain the word json"), e.getMessage());
        fake.verify(1, postRequestedFor(urlEqualTo(GROQ)).withRequestBody(containing(m)));
        Errors.assertError(key.api().post("/v1/chat/completions", obj("model", "llama-3.3-70b",
                "messages", List.of(obj("role", "user", "content", m)))), 400, "json_validate_failed");
    }

    @Test
    void theProviderRefusingTheServersKeyIsA502ForTheClient() {
        String m = marker();
        // OpenAI's answer to a wrong key, echoing the key it was sent (masked) and the whole key in a header's words.
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Incorrect API key provided: test-gro*****-key (sent as test-groq-key). You can find your API key at https://console.groq.com/keys.",
                         "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""")));
        for (boolean stream : new boolean[]{false, true}) {
            Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "llama-3.3-70b", "stream", stream,
                    "messages", List.of(obj("role", "user", "content", m))));
            JsonNode e = Errors.assertError(r, 502, "upstream_auth_failed");
            assertEquals("upstream_error", e.get("type").asText());
            assertEquals(null, r.header("WWW-Authenticate"));
            assertFalse(r.body().contains("test-gro"), r.body());
            assertFalse(r.body().contains("Incorrect API key"), r.body());
        }
        // Google answers a key it does not know with a 400 whose ErrorInfo says so, a suspended one with a 403.
        fake.stubFor(post(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "generateContent")))
                .withRequestBody(containing(m + "-400"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                         "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
                         "domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""")));
        fake.stubFor(post(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "generateContent")))
                .withRequestBody(containing(m + "-403"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":403,"message":"Permission denied: Consumer 'api_key:test-gemini-key' has been suspended.","status":"PERMISSION_DENIED"}}""")));
        for (String suffix : List.of("-400", "-403")) {
            Api.Reply g = key.api().post("/v1/chat/completions", obj("model", "google/gemini-2.5-flash-lite",
                    "messages", List.of(obj("role", "user", "content", m + suffix))));
            Errors.assertError(g, 502, "upstream_auth_failed");
            assertFalse(g.body().contains("test-gemini-key") || g.body().contains("API key not valid"), g.body());
        }
    }

    @Test
    void rateLimitWithRetryAfterIsPassedOnNotRetried() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "30")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for model\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")));
        assertThrows(RateLimitException.class, () -> client.chat().completions().create(ask("llama-3.3-70b", m)));
        fake.verify(1, postRequestedFor(urlEqualTo(GROQ)).withRequestBody(containing(m)));
        Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "llama-3.3-70b",
                "messages", List.of(obj("role", "user", "content", m))));
        Errors.assertError(r, 429, "rate_limit_exceeded");
        assertEquals("30", r.header("Retry-After"));
    }

    @Test
    void streamThatStallsEndsWithAnErrorEventNotDone() {
        String m = marker();
        String head = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null) + chunk("{\"content\":\"Partial\"}", null);
        // WireMock paces a dribbled body evenly, headers with the first chunk: two chunks 3 s apart, so the
        // answer starts within the server's answer limit (5 s in the test run) and then stalls for longer than
        // its idle limit (1.5 s).
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(head + chunk("{}", "stop") + "data: [DONE]\n\n").withChunkedDribbleDelay(2, 6000)));
        Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "llama-3.3-70b", "stream", true,
                "messages", List.of(obj("role", "user", "content", m))));
        assertEquals(200, r.status(), r.toString());
        String body = r.body();
        assertTrue(body.contains("data: {\"error\":"), body);
        assertTrue(body.contains("upstream_timeout"), body);
        assertFalse(body.contains("[DONE]"), body);
    }

    @Test
    void fallsBackToTheNextModelBeforeTheFirstByte() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .withRequestBody(containing("\"model\":\"openai/gpt-oss-120b\""))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}")));
        fake.stubFor(post(urlEqualTo(GROQ)).withRequestBody(containing(m))
                .withRequestBody(containing("\"model\":\"openai/gpt-oss-20b\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(completion("openai/gpt-oss-20b", "From the smaller model."))));
        ChatCompletion c = client.chat().completions().create(ask("gpt-oss-120b", m));
        assertEquals("gpt-oss-120b", c.model());
        assertEquals("From the smaller model.", c.choices().get(0).message().content().orElseThrow());
    }

    static String gemini(String parts, String finish) {
        return "{\"candidates\":[{\"content\":{\"parts\":" + parts + ",\"role\":\"model\"}"
                + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"") + ",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":8,\"candidatesTokenCount\":4,\"totalTokenCount\":12},"
                + "\"modelVersion\":\"gemini-2.5-flash-lite\"}";
    }

    @Test
    void geminiAnswersWholeAndStreamed() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "generateContent")))
                .withHeader("x-goog-api-key", equalTo("test-gemini-key")).withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(gemini("[{\"text\":\"Riyadh is the capital.\"}]", "STOP"))));
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("google/gemini-2.5-flash-lite").addSystemMessage("Be brief.").addUserMessage(m).build());
        assertEquals("google/gemini-2.5-flash-lite", c.model());
        assertEquals("Riyadh is the capital.", c.choices().get(0).message().content().orElseThrow());
        assertEquals(12, c.usage().orElseThrow().totalTokens());
        fake.verify(postRequestedFor(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "generateContent")))
                .withRequestBody(containing("\"systemInstruction\"")));

        fake.stubFor(post(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "streamGenerateContent?alt=sse")))
                .withRequestBody(containing(m))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody("data: " + gemini("[{\"text\":\"Riy\"}]", null) + "\r\n\r\n"
                                + "data: " + gemini("[{\"text\":\"adh.\"}]", "STOP") + "\r\n\r\n")
                        .withChunkedDribbleDelay(2, 200)));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("google/gemini-2.5-flash-lite").addUserMessage(m).build())) {
            s.stream().forEach(ch -> ch.choices().forEach(x -> x.delta().content().ifPresent(text::append)));
        }
        assertEquals("Riyadh.", text.toString());
    }

    @Test
    void geminiRateLimitCarriesItsRetryDelay() {
        String m = marker();
        fake.stubFor(post(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "generateContent")))
                .withRequestBody(containing(m))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                         "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31s"}]}}
                        """)));
        Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "google/gemini-2.5-flash-lite",
                "messages", List.of(obj("role", "user", "content", m))));
        JsonNode e = Errors.assertError(r, 429, "resource_exhausted");
        assertTrue(e.get("message").asText().contains("exceeded your current quota"));
        assertEquals("31", r.header("Retry-After"));
        fake.verify(1, postRequestedFor(urlEqualTo(GEMINI.formatted("gemini-2.5-flash-lite", "generateContent")))
                .withRequestBody(containing(m)));
    }
}
