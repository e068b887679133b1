package dev.qalam.llm.provider.openai.internal;

import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.Usage;
import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI chat completions wire format, which OpenAI, Groq, deepcloud, vLLM, Ollama and llama.cpp
 * all speak. The request is the client's own JSON with the model name replaced, so every parameter a
 * client sends reaches the provider unchanged.
 */
public final class OpenAiWire {

    private OpenAiWire() {
    }

    public static String requestBody(ChatRequest request, String upstreamModel, boolean stream) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder(request.raw());
        b.add("model", upstreamModel);
        b.add("stream", stream);
        if (stream) {
            // Always ask for usage: Qalam accounts tokens per key even when the client did not ask for them.
            b.add("stream_options", Jsonp.PROVIDER.createObjectBuilder().add("include_usage", true));
        } else {
            b.remove("stream_options");
        }
        return b.build().toString();
    }

    public static JsonObject parse(String provider, String json) {
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return r.readObject();
        } catch (ClassCastException | jakarta.json.JsonException e) {
            throw UpstreamErrors.fromStatus(provider, 502, "The " + provider + " provider answered with invalid JSON.",
                    "upstream_invalid_response", null);
        }
    }

    public static ChatResult completion(String provider, JsonObject body) {
        if (body.get("error") instanceof JsonObject) {
            throw error(provider, 502, body, null);
        }
        List<ChatResult.Choice> choices = new ArrayList<>();
        JsonArray cs = body.getJsonArray("choices");
        if (cs != null) {
            for (int i = 0; i < cs.size(); i++) {
                JsonObject c = cs.getJsonObject(i);
                JsonObject m = c.getJsonObject("message");
                choices.add(new ChatResult.Choice(c.getInt("index", i),
                        m == null ? null : string(m, "content"),
                        m == null ? null : array(m, "tool_calls"),
                        string(c, "finish_reason")));
            }
        }
        return new ChatResult(choices, usage(body));
    }

    /** The deltas of one stream chunk. */
    public static List<ChunkDelta> deltas(JsonObject chunk) {
        JsonArray cs = chunk.getJsonArray("choices");
        if (cs == null || cs.isEmpty()) {
            return List.of();
        }
        List<ChunkDelta> out = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) {
            JsonObject c = cs.getJsonObject(i);
            JsonObject d = c.get("delta") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            out.add(new ChunkDelta(c.getInt("index", i), string(d, "role"), string(d, "content"),
                    array(d, "tool_calls"), string(c, "finish_reason")));
        }
        return out;
    }

    /** Usage from a completion or chunk; Groq also reports it under {@code x_groq}. Null when absent. */
    public static Usage usage(JsonObject body) {
        JsonObject u = body.get("usage") instanceof JsonObject o ? o : null;
        if (u == null && body.get("x_groq") instanceof JsonObject g && g.get("usage") instanceof JsonObject o) {
            u = o;
        }
        if (u == null) {
            return null;
        }
        return new Usage(integer(u, "prompt_tokens"), integer(u, "completion_tokens"));
    }

    /** An error answer: {@code {"error":{"message","type","code"}}}, as OpenAI and its imitators send it. */
    public static UpstreamException error(String provider, int status, String body, HttpHeaders headers) {
        JsonObject o = null;
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(body == null ? "" : body))) {
            o = r.readObject();
        } catch (RuntimeException ignored) {
            // Not JSON (a proxy's HTML page): the status alone decides.
        }
        Duration retryAfter = headers == null ? null : retryAfter(headers);
        return o == null ? UpstreamErrors.fromStatus(provider, status, null, null, retryAfter)
                : error(provider, status, o, retryAfter);
    }

    static UpstreamException error(String provider, int status, JsonObject body, Duration retryAfter) {
        JsonObject e = body.get("error") instanceof JsonObject x ? x : body;
        String message = e.get("message") instanceof JsonString s ? s.getString() : null;
        String code = e.get("code") instanceof JsonString s ? s.getString() : null;
        return UpstreamErrors.fromStatus(provider, status, message, code, retryAfter);
    }

    private static Duration retryAfter(HttpHeaders headers) {
        Duration d = headers.firstValue("retry-after-ms").map(v -> {
            try {
                return Duration.ofMillis(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        return d != null ? d : UpstreamErrors.parseRetryAfter(headers.firstValue("retry-after").orElse(null));
    }

    static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    static JsonArray array(JsonObject o, String name) {
        return o.get(name) instanceof JsonArray a && !a.isEmpty() ? a : null;
    }

    static int integer(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.intValue() : 0;
    }
}
