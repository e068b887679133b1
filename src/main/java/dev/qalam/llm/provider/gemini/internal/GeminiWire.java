package dev.qalam.llm.provider.gemini.internal;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translation between the OpenAI chat format and Gemini's {@code generateContent}: messages to
 * {@code contents} (assistant is {@code model}; system and developer messages become the
 * {@code systemInstruction}; tool results become {@code functionResponse} parts), images to
 * {@code inlineData} / {@code fileData}, tools to {@code functionDeclarations}, and back: candidates to
 * choices, {@code functionCall} parts to {@code tool_calls}, {@code usageMetadata} to usage.
 */
public final class GeminiWire {

    private GeminiWire() {
    }

    public static String requestBody(ChatRequest r) {
        JsonObjectBuilder body = Jsonp.PROVIDER.createObjectBuilder();
        JsonArrayBuilder system = Jsonp.PROVIDER.createArrayBuilder();
        boolean hasSystem = false;
        JsonArrayBuilder contents = Jsonp.PROVIDER.createArrayBuilder();
        Map<String, String> toolNames = new HashMap<>();
        for (ChatMessage m : r.messages()) {
            switch (m.role()) {
                case "system", "developer" -> {
                    if (m.text() != null) {
                        system.add(Jsonp.PROVIDER.createObjectBuilder().add("text", m.text()));
                        hasSystem = true;
                    }
                }
                case "assistant" -> {
                    JsonArrayBuilder parts = Jsonp.PROVIDER.createArrayBuilder();
                    if (m.hasText()) {
                        parts.add(Jsonp.PROVIDER.createObjectBuilder().add("text", m.text()));
                    }
                    if (m.toolCalls() != null) {
                        for (ChatMessage.ToolCall call : m.toolCalls()) {
                            toolNames.put(call.id(), call.name());
                            parts.add(Jsonp.PROVIDER.createObjectBuilder().add("functionCall", Jsonp.PROVIDER.createObjectBuilder()
                                    .add("name", call.name()).add("args", jsonObjectOf(Jsonp.PROVIDER.createValue(call.arguments())))));
                        }
                    }
                    contents.add(Jsonp.PROVIDER.createObjectBuilder().add("role", "model").add("parts", parts));
                }
                case "tool", "function" -> {
                    String name = toolNames.getOrDefault(m.toolCallId() == null ? "" : m.toolCallId(),
                            m.name() == null ? "function" : m.name());
                    JsonObject response = jsonObjectOf(m.text() == null ? null : Jsonp.PROVIDER.createValue(m.text()));
                    contents.add(Jsonp.PROVIDER.createObjectBuilder().add("role", "user").add("parts", Jsonp.PROVIDER.createArrayBuilder()
                            .add(Jsonp.PROVIDER.createObjectBuilder().add("functionResponse", Jsonp.PROVIDER.createObjectBuilder()
                                    .add("name", name).add("response", response)))));
                }
                default -> contents.add(Jsonp.PROVIDER.createObjectBuilder().add("role", "user").add("parts", userParts(m)));
            }
        }
        body.add("contents", contents);
        if (hasSystem) {
            body.add("systemInstruction", Jsonp.PROVIDER.createObjectBuilder().add("parts", system));
        }
        JsonObjectBuilder gen = Jsonp.PROVIDER.createObjectBuilder();
        if (r.temperature() != null) {
            gen.add("temperature", r.temperature());
        }
        if (r.topP() != null) {
            gen.add("topP", r.topP());
        }
        if (r.maxOutputTokens() != null) {
            gen.add("maxOutputTokens", r.maxOutputTokens());
        }
        if (!r.stop().isEmpty()) {
            gen.add("stopSequences", Jsonp.PROVIDER.createArrayBuilder(r.stop()));
        }
        if (r.n() > 1) {
            gen.add("candidateCount", r.n());
        }
        if (r.presencePenalty() != null) {
            gen.add("presencePenalty", r.presencePenalty());
        }
        if (r.frequencyPenalty() != null) {
            gen.add("frequencyPenalty", r.frequencyPenalty());
        }
        if (r.seed() != null) {
            gen.add("seed", r.seed());
        }
        if (r.responseFormat() != null) {
            String type = r.responseFormat().type();
            if (!"text".equals(type)) {
                gen.add("responseMimeType", "application/json");
            }
            if ("json_schema".equals(type) && r.responseFormat().schema() != null) {
                gen.add("responseJsonSchema", r.responseFormat().schema());
            }
        }
        JsonObject g = gen.build();
        if (!g.isEmpty()) {
            body.add("generationConfig", g);
        }
        if (r.tools() != null) {
            JsonArrayBuilder decls = Jsonp.PROVIDER.createArrayBuilder();
            for (ChatRequest.Tool t : r.tools()) {
                JsonObjectBuilder d = Jsonp.PROVIDER.createObjectBuilder().add("name", t.name());
                if (t.description() != null) {
                    d.add("description", t.description());
                }
                if (t.parameters() != null) {
                    d.add("parametersJsonSchema", t.parameters());
                }
                decls.add(d);
            }
            body.add("tools", Jsonp.PROVIDER.createArrayBuilder().add(Jsonp.PROVIDER.createObjectBuilder().add("functionDeclarations", decls)));
        }
        if (r.toolChoice() != null) {
            JsonObjectBuilder fc = Jsonp.PROVIDER.createObjectBuilder();
            switch (r.toolChoice().mode()) {
                case "none" -> fc.add("mode", "NONE");
                case "required" -> fc.add("mode", "ANY");
                case "function" -> fc.add("mode", "ANY").add("allowedFunctionNames",
                        Jsonp.PROVIDER.createArrayBuilder().add(r.toolChoice().function()));
                default -> fc.add("mode", "AUTO");
            }
            body.add("toolConfig", Jsonp.PROVIDER.createObjectBuilder().add("functionCallingConfig", fc));
        }
        return body.build().toString();
    }

    private static JsonArrayBuilder userParts(ChatMessage m) {
        JsonArrayBuilder parts = Jsonp.PROVIDER.createArrayBuilder();
        if (m.parts() == null) {
            parts.add(Jsonp.PROVIDER.createObjectBuilder().add("text", m.text() == null ? "" : m.text()));
            return parts;
        }
        for (ChatMessage.ContentPart p : m.parts()) {
            if (p.isText()) {
                parts.add(Jsonp.PROVIDER.createObjectBuilder().add("text", p.text()));
            } else if (p.isImage()) {
                parts.add(image(p.imageUrl()));
            }
        }
        return parts;
    }

    /** A {@code data:} URL becomes inline data; any other URL a file reference with a guessed type. */
    static JsonObjectBuilder image(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = url.substring(5, Math.max(5, comma));
            String mime = meta.contains(";") ? meta.substring(0, meta.indexOf(';')) : meta;
            return Jsonp.PROVIDER.createObjectBuilder().add("inlineData", Jsonp.PROVIDER.createObjectBuilder()
                    .add("mimeType", mime.isEmpty() ? "image/png" : mime).add("data", url.substring(comma + 1)));
        }
        String lower = url.toLowerCase(Locale.ROOT);
        String mime = lower.contains(".png") ? "image/png" : lower.contains(".webp") ? "image/webp"
                : lower.contains(".gif") ? "image/gif" : "image/jpeg";
        return Jsonp.PROVIDER.createObjectBuilder().add("fileData", Jsonp.PROVIDER.createObjectBuilder().add("mimeType", mime).add("fileUri", url));
    }

    /** Tool arguments and results are JSON objects for Gemini; a non-object is wrapped as {@code {"result":...}}. */
    static JsonObject jsonObjectOf(JsonValue v) {
        if (v instanceof JsonObject o) {
            return o;
        }
        if (v instanceof JsonString s) {
            try (var r = Jsonp.PROVIDER.createReader(new StringReader(s.getString()))) {
                JsonValue parsed = r.readValue();
                if (parsed instanceof JsonObject o) {
                    return o;
                }
                return Jsonp.PROVIDER.createObjectBuilder().add("result", parsed).build();
            } catch (RuntimeException e) {
                return Jsonp.PROVIDER.createObjectBuilder().add("result", s).build();
            }
        }
        return v == null || v == JsonValue.NULL ? JsonValue.EMPTY_JSON_OBJECT
                : Jsonp.PROVIDER.createObjectBuilder().add("result", v).build();
    }

    public static JsonObject parse(String provider, String json) {
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw UpstreamErrors.fromStatus(provider, 502, "The " + provider + " provider answered with invalid JSON.",
                    "upstream_invalid_response", null);
        }
    }

    /** A whole answer. {@code callIds} numbers tool calls across the answer. */
    public static ChatResult completion(String provider, JsonObject body) {
        JsonArray candidates = body.getJsonArray("candidates");
        if (candidates == null || candidates.isEmpty()) {
            throw blocked(provider, body);
        }
        List<ChatResult.Choice> choices = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            JsonObject c = candidates.getJsonObject(i);
            Translated t = translate(c, 0);
            choices.add(new ChatResult.Choice(c.getInt("index", i), t.text(), t.toolCalls(),
                    finishReason(c, t.toolCalls() != null)));
        }
        return new ChatResult(choices, usage(body));
    }

    /** The deltas of one streamed {@code GenerateContentResponse}; {@code toolCallsSoFar} per choice index. */
    public static List<ChunkDelta> deltas(String provider, JsonObject chunk, int[] toolCallsSoFar) {
        JsonArray candidates = chunk.getJsonArray("candidates");
        if (candidates == null || candidates.isEmpty()) {
            if (chunk.get("promptFeedback") instanceof JsonObject pf && pf.get("blockReason") != null) {
                throw blocked(provider, chunk);
            }
            return List.of();
        }
        List<ChunkDelta> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            JsonObject c = candidates.getJsonObject(i);
            int index = c.getInt("index", i);
            int before = index < toolCallsSoFar.length ? toolCallsSoFar[index] : 0;
            Translated t = translate(c, before);
            if (index < toolCallsSoFar.length && t.toolCalls() != null) {
                toolCallsSoFar[index] += t.toolCalls().size();
            }
            boolean anyCalls = index < toolCallsSoFar.length && toolCallsSoFar[index] > 0;
            String finish = c.get("finishReason") instanceof JsonString ? finishReason(c, anyCalls) : null;
            if (t.text() != null || t.toolCalls() != null || finish != null) {
                out.add(new ChunkDelta(index, null, t.text(), t.toolCalls(), finish));
            }
        }
        return out;
    }

    private record Translated(String text, JsonArray toolCalls) {
    }

    private static Translated translate(JsonObject candidate, int firstCallIndex) {
        JsonObject content = candidate.get("content") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        JsonArray parts = content.get("parts") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        StringBuilder text = null;
        JsonArrayBuilder calls = null;
        int n = firstCallIndex;
        for (JsonValue v : parts) {
            if (!(v instanceof JsonObject p) || p.getBoolean("thought", false)) {
                continue;
            }
            if (p.get("text") instanceof JsonString s) {
                text = text == null ? new StringBuilder(s.getString()) : text.append(s.getString());
            } else if (p.get("functionCall") instanceof JsonObject fc) {
                calls = calls == null ? Jsonp.PROVIDER.createArrayBuilder() : calls;
                String id = fc.get("id") instanceof JsonString s ? s.getString() : "call_" + n;
                calls.add(Jsonp.PROVIDER.createObjectBuilder().add("index", n).add("id", id).add("type", "function")
                        .add("function", Jsonp.PROVIDER.createObjectBuilder().add("name", fc.getString("name", ""))
                                .add("arguments", (fc.get("args") instanceof JsonObject args ? args
                                        : JsonValue.EMPTY_JSON_OBJECT).toString())));
                n++;
            }
        }
        return new Translated(text == null ? null : text.toString(), calls == null ? null : calls.build());
    }

    static String finishReason(JsonObject candidate, boolean toolCalls) {
        String r = candidate.get("finishReason") instanceof JsonString s ? s.getString() : "STOP";
        if (toolCalls && ("STOP".equals(r) || "FINISH_REASON_UNSPECIFIED".equals(r))) {
            return "tool_calls";
        }
        return switch (r) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL" -> "tool_calls";
            default -> "stop";
        };
    }

    public static Usage usage(JsonObject body) {
        if (!(body.get("usageMetadata") instanceof JsonObject u)) {
            return null;
        }
        int prompt = u.get("promptTokenCount") instanceof JsonNumber n ? n.intValue() : 0;
        int out = (u.get("candidatesTokenCount") instanceof JsonNumber n ? n.intValue() : 0)
                + (u.get("thoughtsTokenCount") instanceof JsonNumber n ? n.intValue() : 0);
        return new Usage(prompt, out);
    }

    private static UpstreamException blocked(String provider, JsonObject body) {
        String reason = body.get("promptFeedback") instanceof JsonObject pf && pf.get("blockReason") instanceof JsonString s
                ? s.getString() : "no candidates";
        return UpstreamErrors.fromStatus(provider, 400, "The prompt was blocked by Gemini (" + reason + ").",
                "content_filter", null);
    }

    /**
     * Gemini's error body: {@code {"error":{"code","message","status","details":[...]}}}; a
     * {@code google.rpc.RetryInfo} detail's {@code retryDelay} (e.g. {@code "31s"}) is the wait it asks for.
     */
    public static UpstreamException error(String provider, int status, String body, HttpHeaders headers) {
        String message = null;
        String code = null;
        Duration retry = headers == null ? null : UpstreamErrors.parseRetryAfter(headers.firstValue("retry-after").orElse(null));
        String text = body == null ? "" : body.strip();
        if (text.startsWith("[")) {
            // streamGenerateContent without alt=sse wraps errors in an array.
            text = text.substring(1, Math.max(1, text.lastIndexOf(']')));
        }
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            JsonObject o = r.readObject();
            JsonObject e = o.get("error") instanceof JsonObject x ? x : o;
            message = e.get("message") instanceof JsonString s ? s.getString() : null;
            code = e.get("status") instanceof JsonString s ? s.getString().toLowerCase(Locale.ROOT) : null;
            if (e.get("details") instanceof JsonArray details) {
                for (JsonValue d : details) {
                    if (d instanceof JsonObject dobj && dobj.get("retryDelay") instanceof JsonString delay) {
                        retry = duration(delay.getString());
                    }
                    // Google answers an unknown API key with 400 INVALID_ARGUMENT; it is the server's key that failed.
                    if (d instanceof JsonObject dobj && dobj.get("reason") instanceof JsonString reason
                            && "API_KEY_INVALID".equals(reason.getString())) {
                        status = 401;
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // Not JSON: the status alone decides.
        }
        return UpstreamErrors.fromProvider(provider, status, message, code, retry);
    }

    /** A protobuf Duration in JSON: {@code "31s"}, {@code "1.5s"}. */
    static Duration duration(String s) {
        try {
            String v = s.strip();
            if (v.endsWith("s")) {
                v = v.substring(0, v.length() - 1);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
