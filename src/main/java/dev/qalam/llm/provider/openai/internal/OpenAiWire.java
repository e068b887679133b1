package dev.qalam.llm.provider.openai.internal;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.Usage;
import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
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
 * all speak. The request is built from the typed {@link ChatRequest} alone: the parameters listed in
 * {@code docs/llm.md} and nothing else, so nothing a client sends reaches the provider unless Qalam models
 * it, and whatever Qalam changed in the request is what the provider receives.
 */
public final class OpenAiWire {

    private OpenAiWire() {
    }

    public static String requestBody(ChatRequest r, String upstreamModel, boolean stream) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder();
        b.add("model", upstreamModel);
        JsonArrayBuilder messages = Jsonp.PROVIDER.createArrayBuilder();
        for (ChatMessage m : r.messages()) {
            messages.add(message(m));
        }
        b.add("messages", messages);
        addIfSet(b, "temperature", r.temperature());
        addIfSet(b, "top_p", r.topP());
        if (r.maxTokens() != null) {
            b.add("max_tokens", r.maxTokens());
        }
        if (r.maxCompletionTokens() != null) {
            b.add("max_completion_tokens", r.maxCompletionTokens());
        }
        if (r.n() > 1) {
            b.add("n", r.n());
        }
        if (!r.stop().isEmpty()) {
            b.add("stop", Jsonp.PROVIDER.createArrayBuilder(r.stop()));
        }
        addIfSet(b, "presence_penalty", r.presencePenalty());
        addIfSet(b, "frequency_penalty", r.frequencyPenalty());
        if (r.seed() != null) {
            b.add("seed", r.seed());
        }
        if (r.tools() != null) {
            JsonArrayBuilder tools = Jsonp.PROVIDER.createArrayBuilder();
            for (ChatRequest.Tool t : r.tools()) {
                JsonObjectBuilder f = Jsonp.PROVIDER.createObjectBuilder().add("name", t.name());
                if (t.description() != null) {
                    f.add("description", t.description());
                }
                if (t.parameters() != null) {
                    f.add("parameters", t.parameters());
                }
                if (t.strict() != null) {
                    f.add("strict", t.strict());
                }
                tools.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "function").add("function", f));
            }
            b.add("tools", tools);
        }
        if (r.toolChoice() != null) {
            if ("function".equals(r.toolChoice().mode())) {
                b.add("tool_choice", Jsonp.PROVIDER.createObjectBuilder().add("type", "function")
                        .add("function", Jsonp.PROVIDER.createObjectBuilder().add("name", r.toolChoice().function())));
            } else {
                b.add("tool_choice", r.toolChoice().mode());
            }
        }
        if (r.parallelToolCalls() != null) {
            b.add("parallel_tool_calls", r.parallelToolCalls());
        }
        if (r.responseFormat() != null) {
            b.add("response_format", responseFormat(r.responseFormat()));
        }
        if (r.reasoningEffort() != null) {
            b.add("reasoning_effort", r.reasoningEffort());
        }
        if (r.user() != null) {
            b.add("user", r.user());
        }
        b.add("stream", stream);
        if (stream) {
            // Always ask for usage: Qalam accounts tokens per key even when the client did not ask for them.
            b.add("stream_options", Jsonp.PROVIDER.createObjectBuilder().add("include_usage", true));
        }
        return b.build().toString();
    }

    private static JsonObjectBuilder message(ChatMessage m) {
        JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder().add("role", m.role());
        if (m.parts() != null) {
            JsonArrayBuilder parts = Jsonp.PROVIDER.createArrayBuilder();
            for (ChatMessage.ContentPart p : m.parts()) {
                if (p.isText()) {
                    parts.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "text").add("text", p.text()));
                } else if (p.isImage()) {
                    JsonObjectBuilder image = Jsonp.PROVIDER.createObjectBuilder().add("url", p.imageUrl());
                    if (p.detail() != null) {
                        image.add("detail", p.detail());
                    }
                    parts.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "image_url").add("image_url", image));
                }
            }
            o.add("content", parts);
        } else if (m.text() != null) {
            o.add("content", m.text());
        } else {
            o.addNull("content");
        }
        if (m.name() != null) {
            o.add("name", m.name());
        }
        if (m.toolCalls() != null) {
            JsonArrayBuilder calls = Jsonp.PROVIDER.createArrayBuilder();
            for (ChatMessage.ToolCall c : m.toolCalls()) {
                calls.add(Jsonp.PROVIDER.createObjectBuilder().add("id", c.id()).add("type", "function")
                        .add("function", Jsonp.PROVIDER.createObjectBuilder().add("name", c.name())
                                .add("arguments", c.arguments())));
            }
            o.add("tool_calls", calls);
        }
        if (m.toolCallId() != null) {
            o.add("tool_call_id", m.toolCallId());
        }
        return o;
    }

    private static JsonObjectBuilder responseFormat(ChatRequest.ResponseFormat f) {
        JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder().add("type", f.type());
        if ("json_schema".equals(f.type())) {
            JsonObjectBuilder js = Jsonp.PROVIDER.createObjectBuilder().add("name", f.name() == null ? "response" : f.name());
            if (f.description() != null) {
                js.add("description", f.description());
            }
            if (f.schema() != null) {
                js.add("schema", f.schema());
            }
            if (f.strict() != null) {
                js.add("strict", f.strict());
            }
            o.add("json_schema", js);
        }
        return o;
    }

    private static void addIfSet(JsonObjectBuilder b, String name, Double value) {
        if (value != null) {
            b.add(name, value);
        }
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
        return o == null ? UpstreamErrors.fromProvider(provider, status, null, null, retryAfter)
                : error(provider, status, o, retryAfter);
    }

    static UpstreamException error(String provider, int status, JsonObject body, Duration retryAfter) {
        JsonObject e = body.get("error") instanceof JsonObject x ? x : body;
        String message = e.get("message") instanceof JsonString s ? s.getString() : null;
        String code = e.get("code") instanceof JsonString s ? s.getString() : null;
        return UpstreamErrors.fromProvider(provider, status, message, code, retryAfter);
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
