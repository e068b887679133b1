package dev.qalam.llm;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a chat completion request as OpenAI does: every out-of-range or mistyped value
 * is a 400 naming the parameter, before any model is resolved or any budget charged.
 */
public final class ChatRequestParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> TOOL_CHOICES = Set.of("none", "auto", "required");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private ChatRequestParser() {
    }

    /** Reads a JSON object body; anything else is 400 {@code invalid_json}. */
    public static JsonObject readObject(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        try (var r = Jsonp.PROVIDER.createReader(new java.io.StringReader(body))) {
            return r.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw ApiException.invalidJson(e);
        }
    }

    public static ChatRequest parse(JsonObject body) {
        if (body == null) {
            throw invalid("The request body must be a JSON object.", null);
        }
        String model = requiredString(body, "model");
        JsonValue msgs = body.get("messages");
        if (!(msgs instanceof JsonArray array)) {
            throw msgs == null ? missing("messages") : invalidType("messages", "an array");
        }
        if (array.isEmpty()) {
            throw invalid("'messages' must contain at least one message.", "messages");
        }
        List<ChatMessage> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "messages[" + i + "]"));
        }
        Double temperature = number(body, "temperature", 0, 2);
        Double topP = number(body, "top_p", 0, 1);
        number(body, "presence_penalty", -2, 2);
        number(body, "frequency_penalty", -2, 2);
        Integer maxTokens = integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens == null) {
            maxTokens = integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        }
        Integer n = integer(body, "n", 1, 128);
        boolean stream = bool(body, "stream");
        boolean includeUsage = false;
        JsonValue so = body.get("stream_options");
        if (so != null && so != JsonValue.NULL) {
            if (!(so instanceof JsonObject o)) {
                throw invalidType("stream_options", "an object");
            }
            if (!stream) {
                throw invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
            }
            includeUsage = bool(o, "include_usage");
        }
        List<String> stop = stop(body.get("stop"));
        JsonArray tools = tools(body.get("tools"));
        JsonValue toolChoice = toolChoice(body.get("tool_choice"), tools);
        JsonObject responseFormat = responseFormat(body.get("response_format"));
        Long seed = null;
        JsonValue s = body.get("seed");
        if (s != null && s != JsonValue.NULL) {
            if (!(s instanceof JsonNumber num) || !num.isIntegral()) {
                throw invalidType("seed", "an integer");
            }
            seed = num.longValue();
        }
        String user = optionalString(body, "user");
        return new ChatRequest(model, messages, temperature, topP, maxTokens, stream, includeUsage, stop, tools,
                toolChoice, responseFormat, n == null ? 1 : n, seed, user, body);
    }

    private static ChatMessage message(JsonValue v, String where) {
        if (!(v instanceof JsonObject m)) {
            throw invalid("'" + where + "' must be an object with a role and content.", where);
        }
        JsonValue r = m.get("role");
        if (!(r instanceof JsonString rs)) {
            throw r == null ? missing(where + ".role") : invalidType(where + ".role", "a string");
        }
        String role = rs.getString();
        if (!ROLES.contains(role)) {
            throw invalid("Invalid value for '" + where + ".role': '" + role
                    + "'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.", where + ".role");
        }
        JsonArray toolCalls = m.get("tool_calls") instanceof JsonArray a ? a : null;
        JsonValue content = m.get("content");
        String text = null;
        List<ChatMessage.ContentPart> parts = null;
        if (content == null || content == JsonValue.NULL) {
            if (!"assistant".equals(role) || toolCalls == null) {
                throw missing(where + ".content");
            }
        } else if (content instanceof JsonString cs) {
            text = cs.getString();
        } else if (content instanceof JsonArray ca) {
            parts = new ArrayList<>(ca.size());
            StringBuilder joined = new StringBuilder();
            for (int j = 0; j < ca.size(); j++) {
                ChatMessage.ContentPart p = part(ca.get(j), where + ".content[" + j + "]");
                parts.add(p);
                if (p.isText() && p.text() != null) {
                    if (joined.length() > 0) {
                        joined.append("\n\n");
                    }
                    joined.append(p.text());
                }
            }
            text = joined.toString();
        } else {
            throw invalidType(where + ".content", "a string or an array of content parts");
        }
        String toolCallId = optionalString(m, "tool_call_id");
        if ("tool".equals(role) && toolCallId == null) {
            throw missing(where + ".tool_call_id");
        }
        return new ChatMessage(role, text, parts, optionalString(m, "name"), toolCalls, toolCallId);
    }

    private static ChatMessage.ContentPart part(JsonValue v, String where) {
        if (!(v instanceof JsonObject p) || !(p.get("type") instanceof JsonString t)) {
            throw invalid("'" + where + "' must be an object with a 'type'.", where);
        }
        return switch (t.getString()) {
            case "text" -> new ChatMessage.ContentPart("text", requiredString(p, "text", where + ".text"), null);
            case "image_url" -> {
                JsonValue iu = p.get("image_url");
                String url = iu instanceof JsonString s ? s.getString()
                        : iu instanceof JsonObject o && o.get("url") instanceof JsonString s ? s.getString() : null;
                if (url == null) {
                    throw missing(where + ".image_url.url");
                }
                yield new ChatMessage.ContentPart("image_url", null, url);
            }
            default -> new ChatMessage.ContentPart(t.getString(), null, null);
        };
    }

    private static List<String> stop(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (v instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (v instanceof JsonArray a && a.size() <= 4 && a.stream().allMatch(x -> x instanceof JsonString)) {
            return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        throw invalid("'stop' must be a string or an array of at most 4 strings.", "stop");
    }

    private static JsonArray tools(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw invalidType("tools", "an array");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof JsonObject t) || !(t.get("function") instanceof JsonObject f)
                    || !(f.get("name") instanceof JsonString)) {
                throw invalid("'tools[" + i + "]' must be {\"type\":\"function\",\"function\":{\"name\":...}}.",
                        "tools[" + i + "]");
            }
        }
        return a.isEmpty() ? null : a;
    }

    private static JsonValue toolChoice(JsonValue v, JsonArray tools) {
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s && TOOL_CHOICES.contains(s.getString())) {
            if (tools == null && !"none".equals(s.getString())) {
                throw invalid("'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
            }
            return v;
        }
        if (v instanceof JsonObject o && o.get("function") instanceof JsonObject f && f.get("name") instanceof JsonString) {
            if (tools == null) {
                throw invalid("'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
            }
            return v;
        }
        throw invalid("'tool_choice' must be 'none', 'auto', 'required' or {\"type\":\"function\",\"function\":{\"name\":...}}.",
                "tool_choice");
    }

    private static JsonObject responseFormat(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonObject o && o.get("type") instanceof JsonString t && RESPONSE_FORMATS.contains(t.getString())) {
            if ("json_schema".equals(t.getString()) && !(o.get("json_schema") instanceof JsonObject)) {
                throw missing("response_format.json_schema");
            }
            return o;
        }
        throw invalid("'response_format.type' must be 'text', 'json_object' or 'json_schema'.", "response_format");
    }

    private static Double number(JsonObject o, String name, double min, double max) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n)) {
            throw invalidType(name, "a number");
        }
        double d = n.doubleValue();
        if (d < min) {
            throw new ApiException(400, ApiException.INVALID_REQUEST, "decimal_below_min_value",
                    "Invalid '" + name + "': decimal below minimum value. Expected a value >= " + fmt(min) + ", but got " + n + " instead.");
        }
        if (d > max) {
            throw new ApiException(400, ApiException.INVALID_REQUEST, "decimal_above_max_value",
                    "Invalid '" + name + "': decimal above maximum value. Expected a value <= " + fmt(max) + ", but got " + n + " instead.");
        }
        return d;
    }

    private static Integer integer(JsonObject o, String name, int min, int max) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw invalidType(name, "an integer");
        }
        long l = n.longValue();
        if (l < min) {
            throw new ApiException(400, ApiException.INVALID_REQUEST, "integer_below_min_value",
                    "Invalid '" + name + "': integer below minimum value. Expected a value >= " + min + ", but got " + l + " instead.");
        }
        if (l > max) {
            throw new ApiException(400, ApiException.INVALID_REQUEST, "integer_above_max_value",
                    "Invalid '" + name + "': integer above maximum value. Expected a value <= " + max + ", but got " + l + " instead.");
        }
        return (int) l;
    }

    private static boolean bool(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return false;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        throw invalidType(name, "a boolean");
    }

    static String requiredString(JsonObject o, String name) {
        return requiredString(o, name, name);
    }

    private static String requiredString(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            throw missing(where);
        }
        if (!(v instanceof JsonString s)) {
            throw invalidType(where, "a string");
        }
        return s.getString();
    }

    static String optionalString(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw invalidType(name, "a string");
        }
        return s.getString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static ApiException missing(String param) {
        return new ApiException(400, ApiException.INVALID_REQUEST, "missing_required_parameter",
                "Missing required parameter: '" + param + "'.");
    }

    static ApiException invalidType(String param, String expected) {
        return new ApiException(400, ApiException.INVALID_REQUEST, "invalid_type",
                "Invalid type for '" + param + "': expected " + expected + ".");
    }

    static ApiException invalid(String message, String param) {
        return new ApiException(400, ApiException.INVALID_REQUEST, "invalid_value", message);
    }
}
