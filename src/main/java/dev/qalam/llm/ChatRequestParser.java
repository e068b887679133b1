package dev.qalam.llm;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatMessage.ContentPart;
import dev.qalam.llm.provider.ChatMessage.ToolCall;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatRequest.ResponseFormat;
import dev.qalam.llm.provider.ChatRequest.Tool;
import dev.qalam.llm.provider.ChatRequest.ToolChoice;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a chat completion request as OpenAI does: every out-of-range or mistyped value, at any
 * depth, is a 400 naming the parameter ({@code messages[1].tool_calls[0].function.name}), before any model is
 * resolved or any budget charged. The result is the typed {@link ChatRequest}; parameters it has no field for
 * are not read, and so never reach a provider (the forwarded ones are listed in {@code docs/llm.md}).
 */
public final class ChatRequestParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> TOOL_CHOICES = Set.of("none", "auto", "required");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");
    private static final Set<String> IMAGE_DETAILS = Set.of("auto", "low", "high");

    private ChatRequestParser() {
    }

    /** Reads a JSON object body; anything else is 400 {@code invalid_json}. */
    public static JsonObject readObject(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(body))) {
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
            throw isAbsent(msgs) ? missing("messages") : invalidType("messages", "an array");
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
        Double presencePenalty = number(body, "presence_penalty", -2, 2);
        Double frequencyPenalty = number(body, "frequency_penalty", -2, 2);
        Integer maxTokens = integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        Integer maxCompletionTokens = integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        Integer n = integer(body, "n", 1, ChatRequest.MAX_CHOICES);
        boolean stream = bool(body, "stream");
        boolean includeUsage = false;
        JsonValue so = body.get("stream_options");
        if (!isAbsent(so)) {
            if (!(so instanceof JsonObject o)) {
                throw invalidType("stream_options", "an object");
            }
            if (!stream) {
                throw invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
            }
            includeUsage = bool(o, "include_usage", "stream_options.include_usage");
        }
        List<String> stop = stop(body.get("stop"));
        List<Tool> tools = tools(body.get("tools"));
        ToolChoice toolChoice = toolChoice(body.get("tool_choice"), tools);
        Boolean parallelToolCalls = isAbsent(body.get("parallel_tool_calls")) ? null : bool(body, "parallel_tool_calls");
        ResponseFormat responseFormat = responseFormat(body.get("response_format"));
        Long seed = null;
        JsonValue s = body.get("seed");
        if (!isAbsent(s)) {
            if (!(s instanceof JsonNumber num) || !num.isIntegral()) {
                throw invalidType("seed", "an integer");
            }
            BigDecimal value = num.bigDecimalValue();
            if (value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw invalid("'seed' must be a 64-bit integer.", "seed");
            }
            seed = value.longValue();
        }
        return new ChatRequest(model, messages, temperature, topP, maxTokens, maxCompletionTokens, n == null ? 1 : n,
                stop, presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat,
                optionalString(body, "reasoning_effort"), optionalString(body, "user"), stream, includeUsage);
    }

    private static ChatMessage message(JsonValue v, String where) {
        if (!(v instanceof JsonObject m)) {
            throw invalid("'" + where + "' must be an object with a role and content.", where);
        }
        JsonValue r = m.get("role");
        if (!(r instanceof JsonString rs)) {
            throw isAbsent(r) ? missing(where + ".role") : invalidType(where + ".role", "a string");
        }
        String role = rs.getString();
        if (!ROLES.contains(role)) {
            throw invalid("Invalid value for '" + where + ".role': '" + role
                    + "'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.", where + ".role");
        }
        List<ToolCall> toolCalls = null;
        JsonValue tc = m.get("tool_calls");
        if (!isAbsent(tc)) {
            if (!"assistant".equals(role)) {
                throw invalid("'" + where + ".tool_calls' is only allowed in assistant messages.", where + ".tool_calls");
            }
            toolCalls = toolCalls(tc, where + ".tool_calls");
        }
        JsonValue content = m.get("content");
        String text = null;
        List<ContentPart> parts = null;
        if (isAbsent(content)) {
            if (!"assistant".equals(role) || toolCalls == null) {
                throw missing(where + ".content");
            }
        } else if (content instanceof JsonString cs) {
            text = cs.getString();
        } else if (content instanceof JsonArray ca) {
            parts = new ArrayList<>(ca.size());
            for (int j = 0; j < ca.size(); j++) {
                parts.add(part(ca.get(j), where + ".content[" + j + "]"));
            }
            text = ChatMessage.joinText(parts);
        } else {
            throw invalidType(where + ".content", "a string or an array of content parts");
        }
        String toolCallId = optionalString(m, "tool_call_id", where + ".tool_call_id");
        if ("tool".equals(role) && toolCallId == null) {
            throw missing(where + ".tool_call_id");
        }
        return new ChatMessage(role, text, parts, optionalString(m, "name", where + ".name"), toolCalls, toolCallId);
    }

    private static ContentPart part(JsonValue v, String where) {
        if (!(v instanceof JsonObject p)) {
            throw invalidType(where, "an object with a 'type'");
        }
        String type = requiredString(p, "type", where + ".type");
        return switch (type) {
            case "text" -> new ContentPart("text", requiredString(p, "text", where + ".text"), null, null);
            case "image_url" -> {
                JsonValue iu = p.get("image_url");
                String url;
                String detail = null;
                if (iu instanceof JsonString s) {
                    url = s.getString();
                } else if (iu instanceof JsonObject o) {
                    url = requiredString(o, "url", where + ".image_url.url");
                    detail = optionalString(o, "detail", where + ".image_url.detail");
                    if (detail != null && !IMAGE_DETAILS.contains(detail)) {
                        throw invalid("'" + where + ".image_url.detail' must be 'auto', 'low' or 'high'.",
                                where + ".image_url.detail");
                    }
                } else {
                    throw isAbsent(iu) ? missing(where + ".image_url.url") : invalidType(where + ".image_url", "an object");
                }
                yield new ContentPart("image_url", null, url, detail);
            }
            default -> throw invalid("Invalid value for '" + where + ".type': '" + type
                    + "'. Supported values are: 'text' and 'image_url'.", where + ".type");
        };
    }

    private static List<ToolCall> toolCalls(JsonValue v, String where) {
        if (!(v instanceof JsonArray a)) {
            throw invalidType(where, "an array");
        }
        List<ToolCall> calls = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String at = where + "[" + i + "]";
            if (!(a.get(i) instanceof JsonObject call)) {
                throw invalidType(at, "an object with an id, a type and a function");
            }
            functionType(call, at);
            String id = requiredString(call, "id", at + ".id");
            JsonObject f = requiredObject(call, "function", at + ".function");
            calls.add(new ToolCall(id, requiredString(f, "name", at + ".function.name"),
                    requiredString(f, "arguments", at + ".function.arguments")));
        }
        return calls;
    }

    /** {@code "type"} of a tool or tool call: absent or {@code "function"}, the only kind OpenAI's chat API has. */
    private static void functionType(JsonObject o, String where) {
        String type = optionalString(o, "type", where + ".type");
        if (type != null && !"function".equals(type)) {
            throw invalid("Invalid value for '" + where + ".type': '" + type + "'. Supported values are: 'function'.",
                    where + ".type");
        }
    }

    private static List<String> stop(JsonValue v) {
        if (isAbsent(v)) {
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

    private static List<Tool> tools(JsonValue v) {
        if (isAbsent(v)) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw invalidType("tools", "an array");
        }
        List<Tool> tools = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String at = "tools[" + i + "]";
            if (!(a.get(i) instanceof JsonObject t) || !(t.get("function") instanceof JsonObject f)) {
                throw invalid("'" + at + "' must be {\"type\":\"function\",\"function\":{\"name\":...}}.", at);
            }
            functionType(t, at);
            String name = requiredString(f, "name", at + ".function.name");
            String description = optionalString(f, "description", at + ".function.description");
            JsonObject parameters = null;
            JsonValue p = f.get("parameters");
            if (!isAbsent(p)) {
                if (!(p instanceof JsonObject po)) {
                    throw invalidType(at + ".function.parameters", "an object (a JSON schema)");
                }
                parameters = po;
            }
            Boolean strict = isAbsent(f.get("strict")) ? null : bool(f, "strict", at + ".function.strict");
            tools.add(new Tool(name, description, parameters, strict));
        }
        return tools.isEmpty() ? null : tools;
    }

    private static ToolChoice toolChoice(JsonValue v, List<Tool> tools) {
        if (isAbsent(v)) {
            return null;
        }
        ToolChoice choice;
        if (v instanceof JsonString s && TOOL_CHOICES.contains(s.getString())) {
            choice = new ToolChoice(s.getString(), null);
        } else if (v instanceof JsonObject o && o.get("function") instanceof JsonObject) {
            functionType(o, "tool_choice");
            choice = ToolChoice.function(requiredString(o.getJsonObject("function"), "name", "tool_choice.function.name"));
        } else {
            throw invalid("'tool_choice' must be 'none', 'auto', 'required' or {\"type\":\"function\",\"function\":{\"name\":...}}.",
                    "tool_choice");
        }
        if (tools == null && !"none".equals(choice.mode())) {
            throw invalid("'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
        }
        return choice;
    }

    private static ResponseFormat responseFormat(JsonValue v) {
        if (isAbsent(v)) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw invalidType("response_format", "an object");
        }
        String type = requiredString(o, "type", "response_format.type");
        if (!RESPONSE_FORMATS.contains(type)) {
            throw invalid("'response_format.type' must be 'text', 'json_object' or 'json_schema'.", "response_format.type");
        }
        if (!"json_schema".equals(type)) {
            return new ResponseFormat(type, null, null, null, null);
        }
        JsonObject js = requiredObject(o, "json_schema", "response_format.json_schema");
        String name = requiredString(js, "name", "response_format.json_schema.name");
        String description = optionalString(js, "description", "response_format.json_schema.description");
        JsonObject schema = null;
        JsonValue sv = js.get("schema");
        if (!isAbsent(sv)) {
            if (!(sv instanceof JsonObject so)) {
                throw invalidType("response_format.json_schema.schema", "an object");
            }
            schema = so;
        }
        Boolean strict = isAbsent(js.get("strict")) ? null : bool(js, "strict", "response_format.json_schema.strict");
        return new ResponseFormat(type, name, description, schema, strict);
    }

    private static Double number(JsonObject o, String name, double min, double max) {
        JsonValue v = o.get(name);
        if (isAbsent(v)) {
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
        if (isAbsent(v)) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw invalidType(name, "an integer");
        }
        // Compared as decimals: cheap however many digits the client sent (no BigInteger is built).
        BigDecimal value = n.bigDecimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new ApiException(400, ApiException.INVALID_REQUEST, "integer_below_min_value",
                    "Invalid '" + name + "': integer below minimum value. Expected a value >= " + min + ", but got " + n + " instead.");
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ApiException(400, ApiException.INVALID_REQUEST, "integer_above_max_value",
                    "Invalid '" + name + "': integer above maximum value. Expected a value <= " + max + ", but got " + n + " instead.");
        }
        return value.intValue();
    }

    private static boolean bool(JsonObject o, String name) {
        return bool(o, name, name);
    }

    private static boolean bool(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (isAbsent(v)) {
            return false;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        throw invalidType(where, "a boolean");
    }

    private static boolean isAbsent(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }

    static String requiredString(JsonObject o, String name) {
        return requiredString(o, name, name);
    }

    private static String requiredString(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (isAbsent(v)) {
            throw missing(where);
        }
        if (!(v instanceof JsonString s)) {
            throw invalidType(where, "a string");
        }
        return s.getString();
    }

    private static JsonObject requiredObject(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (isAbsent(v)) {
            throw missing(where);
        }
        if (!(v instanceof JsonObject x)) {
            throw invalidType(where, "an object");
        }
        return x;
    }

    static String optionalString(JsonObject o, String name) {
        return optionalString(o, name, name);
    }

    private static String optionalString(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (isAbsent(v)) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw invalidType(where, "a string");
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
