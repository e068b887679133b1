package dev.qalam.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.qalam.llm.provider.openai.OpenAiCompatibleProvider;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI-compatible adapter against a fake speaking OpenAI's chat completions format. */
class OpenAiCompatibleProviderContractTest extends UpstreamChatProviderContract {

    static final String PATH = "/v1/chat/completions";

    @Override
    protected ChatProvider provider(UpstreamHttp http) {
        return new OpenAiCompatibleProvider(http);
    }

    @Override
    protected ProviderTarget target(String fakeBaseUrl) {
        return new ProviderTarget("groq", "llama-3.3-70b-versatile", fakeBaseUrl + "/v1", "test-key");
    }

    private static MappingBuilder chat(boolean stream) {
        return post(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(containing("\"stream\":" + stream))
                .withRequestBody(containing("\"model\":\"llama-3.3-70b-versatile\""));
    }

    static String completion(String text, int prompt, int completion) {
        return """
                {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,
                 "model":"llama-3.3-70b-versatile","choices":[{"index":0,"message":{"role":"assistant","content":%s,
                 "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                 "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0}},"service_tier":"default"}
                """.formatted(Json.createValue(text).toString(), prompt, completion, prompt + completion);
    }

    static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"")
                + "}]}\n\n";
    }

    static String streamBody(List<String> pieces, boolean end, int prompt, int completion) {
        StringBuilder sb = new StringBuilder(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String p : pieces) {
            sb.append(chunk("{\"content\":" + Json.createValue(p) + "}", null));
        }
        if (end) {
            sb.append(chunk("{}", "stop"));
            sb.append("data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                    + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
                    + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n");
            sb.append("data: [DONE]\n\n");
        }
        return sb.toString();
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Override
    protected void stubAnswer(String text, int promptTokens, int completionTokens) {
        fake.stubFor(chat(false).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(completion(text, promptTokens, completionTokens))));
    }

    @Override
    protected void stubStream(List<String> pieces, int promptTokens, int completionTokens) {
        fake.stubFor(chat(true).withRequestBody(containing("\"include_usage\":true"))
                .willReturn(sse(streamBody(pieces, true, promptTokens, completionTokens))
                        .withChunkedDribbleDelay(pieces.size() + 3, 150)));
    }

    @Override
    protected String streamHead(List<String> pieces) {
        return streamBody(pieces, false, 0, 0);
    }

    @Override
    protected void stubCutStream(List<String> pieces) {
        fake.stubFor(chat(true).willReturn(sse(streamBody(pieces, false, 0, 0))));
    }

    @Override
    protected void stubToolCall(String name, String argumentsJson, boolean stream) {
        if (!stream) {
            fake.stubFor(chat(false).withRequestBody(containing("\"tools\"")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"llama-3.3-70b-versatile",
                             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123",
                             "type":"function","function":{"name":"%s","arguments":%s}}]},"logprobs":null,"finish_reason":"tool_calls"}],
                             "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}
                            """.formatted(name, Json.createValue(argumentsJson)))));
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_abc123\","
                + "\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"\"}}]}", null));
        int half = argumentsJson.length() / 2;
        for (String piece : List.of(argumentsJson.substring(0, half), argumentsJson.substring(half))) {
            parts.add(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + Json.createValue(piece) + "}}]}", null));
        }
        parts.add(chunk("{}", "tool_calls"));
        parts.add("data: [DONE]\n\n");
        fake.stubFor(chat(true).withRequestBody(containing("\"tools\"")).willReturn(sse(String.join("", parts))));
    }

    @Override
    protected void stubError(int status, String message, Integer retryAfterSeconds, boolean stream) {
        String type = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
        String code = status == 429 ? "rate_limit_exceeded" : null;
        ResponseDefinitionBuilder r = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":" + Json.createValue(message) + ",\"type\":\"" + type
                        + "\",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}");
        if (retryAfterSeconds != null) {
            r.withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        fake.stubFor(chat(stream).willReturn(r));
    }

    @Override
    protected void stubSlowAnswer(Duration delay) {
        fake.stubFor(chat(false).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(completion("late", 1, 1)).withFixedDelay((int) delay.toMillis())));
    }
}
