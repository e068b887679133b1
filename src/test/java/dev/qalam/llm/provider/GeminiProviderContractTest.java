package dev.qalam.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.qalam.llm.provider.gemini.GeminiProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gemini adapter against a fake speaking Gemini's native generateContent API. */
class GeminiProviderContractTest extends UpstreamChatProviderContract {

    static final String WHOLE = "/v1beta/models/gemini-2.5-flash:generateContent";
    static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

    @Override
    protected ChatProvider provider(UpstreamHttp http) {
        return new GeminiProvider(http);
    }

    @Override
    protected ProviderTarget target(String fakeBaseUrl) {
        return new ProviderTarget("gemini", "gemini-2.5-flash", fakeBaseUrl + "/v1beta", "test-key");
    }

    private static MappingBuilder call(boolean stream) {
        return post(urlEqualTo(stream ? STREAM : WHOLE)).withHeader("x-goog-api-key", equalTo("test-key"));
    }

    static String response(String partsJson, String finish, int prompt, int out) {
        return "{\"candidates\":[{\"content\":{\"parts\":" + partsJson + ",\"role\":\"model\"}"
                + (finish == null ? "" : ",\"finishReason\":\"" + finish + "\"") + ",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":" + prompt + ",\"candidatesTokenCount\":" + out
                + ",\"totalTokenCount\":" + (prompt + out) + "},\"modelVersion\":\"gemini-2.5-flash\","
                + "\"responseId\":\"mAitaLmkHPPlz7IPvtfUqQ4\"}";
    }

    static String text(String t) {
        return "[{\"text\":" + Json.createValue(t) + "}]";
    }

    static String streamBody(List<String> pieces, boolean end, int prompt, int out) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = end && i == pieces.size() - 1;
            sb.append("data: ").append(response(text(pieces.get(i)), last ? "STOP" : null, prompt, last ? out : i + 1))
                    .append("\r\n\r\n");
        }
        return sb.toString();
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Override
    protected void stubAnswer(String t, int promptTokens, int completionTokens) {
        fake.stubFor(call(false).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(response(text(t), "STOP", promptTokens, completionTokens))));
    }

    @Override
    protected void stubStream(List<String> pieces, int promptTokens, int completionTokens) {
        fake.stubFor(call(true).willReturn(sse(streamBody(pieces, true, promptTokens, completionTokens))
                .withChunkedDribbleDelay(pieces.size() + 1, 150)));
    }

    @Override
    protected String streamHead(List<String> pieces) {
        return streamBody(pieces, false, 1, 1);
    }

    @Override
    protected void stubCutStream(List<String> pieces) {
        fake.stubFor(call(true).willReturn(sse(streamBody(pieces, false, 1, 1))));
    }

    @Override
    protected void stubToolCall(String name, String argumentsJson, boolean stream) {
        String parts = "[{\"functionCall\":{\"name\":\"" + name + "\",\"args\":" + argumentsJson + "}}]";
        String body = response(parts, "STOP", 30, 5);
        if (stream) {
            fake.stubFor(call(true).withRequestBody(containing("functionDeclarations"))
                    .willReturn(sse("data: " + body + "\r\n\r\n")));
        } else {
            fake.stubFor(call(false).withRequestBody(containing("functionDeclarations"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        }
    }

    @Override
    protected void stubError(int status, String message, Integer retryAfterSeconds, boolean stream) {
        String grpc = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        String details = retryAfterSeconds == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\","
                + "\"violations\":[{\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_free_tier_requests\"}]},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryAfterSeconds + "s\"}]";
        fake.stubFor(call(stream).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":" + Json.createValue(message)
                        + ",\"status\":\"" + grpc + "\"" + details + "}}")));
    }

    @Override
    protected void stubSlowAnswer(Duration delay) {
        fake.stubFor(call(false).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(response(text("late"), "STOP", 1, 1)).withFixedDelay((int) delay.toMillis())));
    }

    @Test
    void translatesSystemInstructionGenerationConfigAndImages() {
        stubAnswer("ok", 1, 1);
        ChatRequest r = new ChatRequest("google/gemini-2.5-flash", List.of(
                ChatMessage.of("system", "Answer in Arabic."),
                ChatMessage.user(List.of(ChatMessage.ContentPart.text("What is this?"),
                        ChatMessage.ContentPart.image("data:image/png;base64,iVBORw0KGgo="))),
                ChatMessage.of("assistant", "A logo."),
                ChatMessage.of("user", "Thanks")),
                0.3, 0.9, 50, null, 1, List.of("END"), null, null, 42L, null, null, null,
                ChatRequest.ResponseFormat.jsonObject(), null, null, false, false);
        provider().chat(target(), r);
        JsonObject sent = lastRequestBody();
        assertEquals("Answer in Arabic.", sent.getJsonObject("systemInstruction").getJsonArray("parts")
                .getJsonObject(0).getString("text"));
        assertEquals(3, sent.getJsonArray("contents").size());
        assertEquals("model", sent.getJsonArray("contents").getJsonObject(1).getString("role"));
        JsonObject inline = sent.getJsonArray("contents").getJsonObject(0).getJsonArray("parts").getJsonObject(1)
                .getJsonObject("inlineData");
        assertEquals("image/png", inline.getString("mimeType"));
        assertEquals("iVBORw0KGgo=", inline.getString("data"));
        JsonObject gen = sent.getJsonObject("generationConfig");
        assertEquals(50, gen.getInt("maxOutputTokens"));
        assertEquals("END", gen.getJsonArray("stopSequences").getString(0));
        assertEquals("application/json", gen.getString("responseMimeType"));
        assertEquals(42, gen.getInt("seed"));
        assertTrue(gen.getJsonNumber("temperature").doubleValue() == 0.3);
    }

    @Test
    void anUnknownApiKeyIsTheServersAuthFailureNotABadRequest() {
        fake.stubFor(call(false).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""")));
        UpstreamException e = org.junit.jupiter.api.Assertions.assertThrows(UpstreamException.class,
                () -> provider().chat(target(), request(false, null)));
        assertEquals(401, e.status());
        assertTrue(e.quotesProvider());
    }
}
