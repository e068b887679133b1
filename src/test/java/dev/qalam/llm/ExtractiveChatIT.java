package dev.qalam.llm;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code local/extractive} end to end through the official OpenAI SDK, with no upstream at all. */
class ExtractiveChatIT {

    static final String CONTEXT = """
            Riyadh is the capital of Saudi Arabia and its largest city.

            The Red Sea lies to the west of the Arabian Peninsula.

            الرياض هي عاصمة المملكة العربية السعودية وأكبر مدنها.""";

    static Keys.TestKey key;
    static OpenAIClient client;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        key = Keys.create("llm", "models");
        client = OpenAiSdk.client(key.secret());
    }

    static ChatCompletionCreateParams.Builder ask(String question) {
        return ChatCompletionCreateParams.builder().model("local/extractive")
                .addSystemMessage(CONTEXT).addUserMessage(question);
    }

    @Test
    void quotesTheMatchingPassageInEnglish() {
        ChatCompletion c = client.chat().completions().create(ask("What is the capital of Saudi Arabia?").build());
        assertEquals("local/extractive", c.model());
        assertTrue(c.id().startsWith("chatcmpl-"), c.id());
        String answer = c.choices().get(0).message().content().orElseThrow();
        assertTrue(answer.contains("> Riyadh is the capital of Saudi Arabia"), answer);
        assertFalse(answer.contains("Red Sea"), answer);
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, c.choices().get(0).finishReason());
        assertTrue(c.usage().orElseThrow().promptTokens() > 0);
    }

    @Test
    void quotesTheMatchingPassageInArabic() {
        ChatCompletion c = client.chat().completions().create(ask("ما هي عاصمة المملكة العربية السعودية؟").build());
        String answer = c.choices().get(0).message().content().orElseThrow();
        assertTrue(answer.contains("> الرياض هي عاصمة المملكة"), answer);
        assertTrue(answer.startsWith("من السياق المعطى"), answer);
    }

    @Test
    void saysPlainlyWhenNothingIsRelevant() {
        ChatCompletion c = client.chat().completions().create(ask("How do volcanoes form?").build());
        String answer = c.choices().get(0).message().content().orElseThrow();
        assertTrue(answer.contains("nothing relevant"), answer);
        assertFalse(answer.contains(">"), answer);
    }

    @Test
    void isDeterministic() {
        String a = client.chat().completions().create(ask("Where is the Red Sea?").build())
                .choices().get(0).message().content().orElseThrow();
        String b = client.chat().completions().create(ask("Where is the Red Sea?").build())
                .choices().get(0).message().content().orElseThrow();
        assertEquals(a, b);
        assertTrue(a.contains("Red Sea lies to the west"), a);
    }

    @Test
    void streamsTheSameAnswerWithUsageAndDone() {
        String whole = client.chat().completions().create(ask("What is the capital of Saudi Arabia?").build())
                .choices().get(0).message().content().orElseThrow();
        StringBuilder streamed = new StringBuilder();
        ChatCompletionChunk last = null;
        String finish = null;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ask("What is the capital of Saudi Arabia?")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
                assertEquals("local/extractive", chunk.model());
                for (ChatCompletionChunk.Choice ch : chunk.choices()) {
                    ch.delta().content().ifPresent(streamed::append);
                    if (ch.finishReason().isPresent()) {
                        finish = ch.finishReason().get().asString();
                    }
                }
                last = chunk;
            }
        }
        assertEquals(whole, streamed.toString());
        assertEquals("stop", finish);
        assertNotNull(last);
        assertTrue(last.choices().isEmpty(), "usage chunk has no choices");
        assertTrue(last.usage().orElseThrow().completionTokens() > 0);
    }

    @Test
    void rawStreamEndsWithDone() {
        Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "local/extractive", "stream", true,
                "messages", List.of(obj("role", "system", "content", CONTEXT),
                        obj("role", "user", "content", "capital of Saudi Arabia"))));
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("text/event-stream"), r.header("Content-Type"));
        String body = r.body().strip();
        assertTrue(body.startsWith("data: {"), body);
        assertTrue(body.endsWith("data: [DONE]"), body);
    }

    @Test
    void attachedTextPartsAreContext() {
        Api.Reply r = key.api().post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of(obj("role", "user", "content", List.of(
                        obj("type", "text", "text", "Who wrote the report?"),
                        obj("type", "text", "text", "The quarterly report was written by Dana Haddad.\n\nSales grew 4%."))))));
        assertEquals(200, r.status(), r.toString());
        String answer = r.json().at("/choices/0/message/content").asText();
        assertTrue(answer.contains("> The quarterly report was written by Dana Haddad."), answer);
        assertFalse(answer.contains("Sales"), answer);
    }

    @Test
    void validationErrorsAre400BeforeAnything() {
        Api api = key.api();
        Errors.assertError(api.post("/v1/chat/completions", obj("model", "local/extractive", "temperature", 2.5,
                "messages", List.of(obj("role", "user", "content", "hi")))), 400, "decimal_above_max_value");
        Errors.assertError(api.post("/v1/chat/completions", obj("model", "local/extractive", "top_p", -1,
                "messages", List.of(obj("role", "user", "content", "hi")))), 400, "decimal_below_min_value");
        Errors.assertError(api.post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of())), 400, "invalid_value");
        Errors.assertError(api.post("/v1/chat/completions", obj("messages",
                List.of(obj("role", "user", "content", "hi")))), 400, "missing_required_parameter");
        Errors.assertError(api.post("/v1/chat/completions", obj("model", "local/extractive", "max_tokens", 0,
                "messages", List.of(obj("role", "user", "content", "hi")))), 400, "integer_below_min_value");
        Errors.assertError(api.post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of(obj("role", "wizard", "content", "hi")))), 400, "invalid_value");
        Errors.assertError(api.postRaw("/v1/chat/completions", "application/json", "{not json"), 400, "invalid_json");
        Errors.assertError(api.post("/v1/chat/completions", obj("model", "local/extractive", "stream", true,
                "temperature", 9, "messages", List.of(obj("role", "user", "content", "hi")))), 400,
                "decimal_above_max_value");
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        JsonNode e = Errors.assertError(key.api().post("/v1/chat/completions", obj("model", "no-such-model",
                "messages", List.of(obj("role", "user", "content", "hi")))), 404, "model_not_found");
        assertTrue(e.get("message").asText().contains("no-such-model"));
        Errors.assertError(key.api().post("/v1/chat/completions", obj("model", "no-such-model", "stream", true,
                "messages", List.of(obj("role", "user", "content", "hi")))), 404, "model_not_found");
    }

    @Test
    void unconfiguredProviderSaysSo() {
        JsonNode e = Errors.assertError(key.api().post("/v1/chat/completions", obj("model", "openai/gpt-5-mini",
                "messages", List.of(obj("role", "user", "content", "hi")))), 503, "provider_not_configured");
        assertTrue(e.get("message").asText().contains("OPENAI_API_KEY"), e.toString());
    }

    @Test
    void scopeAndKeyAreChecked() {
        Errors.assertError(Api.anonymous().post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of(obj("role", "user", "content", "hi")))), 401, null);
        Errors.assertError(Keys.create("models").api().post("/v1/chat/completions", obj("model", "local/extractive",
                "messages", List.of(obj("role", "user", "content", "hi")))), 403, "insufficient_scope");
    }

    @Test
    void requestLimitIsChargedOncePerRequest() {
        Keys.TestKey limited = Keys.create(null, null, 2L, "llm");
        var body = obj("model", "local/extractive", "messages", List.of(obj("role", "user", "content", "hi")));
        assertEquals(200, limited.api().post("/v1/chat/completions", body).status());
        var streamed = obj("model", "local/extractive", "stream", true,
                "messages", List.of(obj("role", "user", "content", "hi")));
        assertEquals(200, limited.api().post("/v1/chat/completions", streamed).status());
        Errors.assertError(limited.api().post("/v1/chat/completions", body), 402, "request_limit_exceeded");
        Errors.assertError(limited.api().post("/v1/chat/completions", streamed), 402, "request_limit_exceeded");
    }
}
