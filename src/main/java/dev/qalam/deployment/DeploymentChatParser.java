package dev.qalam.deployment;

import dev.qalam.deployment.content.UrlPart;
import dev.qalam.llm.ChatRequestParser;
import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.json.Jsonp;
import dev.qalam.search.filter.MetadataFilter;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Deployment API chat body (docs/deployment.md) into a {@link DeploymentChatRequest}. The OpenAI part of
 * the body is validated by the gateway's own {@link ChatRequestParser}, so both endpoints refuse the same
 * mistakes with the same messages; this class handles what the Deployment API adds: no {@code model} (the
 * deployment's is used, whatever the client sends), {@code image} parts (the Deployment API's name for
 * {@code image_url}), {@code url} parts (documents, read by {@code deployment/content}), {@code include_usage},
 * {@code rewrite_query} and {@code filter_metadata}.
 */
public final class DeploymentChatParser {

    /** The roles the Deployment API documents; {@code developer} is OpenAI's newer name for system. */
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    static final int MAX_REWRITE_QUERY = 4000;

    private DeploymentChatParser() {
    }

    public static DeploymentChatRequest parse(String body, String model, Double defaultTemperature) {
        JsonObject o = ChatRequestParser.readObject(body);
        JsonValue msgs = o.get("messages");
        if (msgs == null || msgs.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("missing_required_parameter", "Missing required parameter: 'messages'.");
        }
        if (!(msgs instanceof JsonArray array)) {
            throw ApiException.badRequest("invalid_type", "Invalid type for 'messages': expected an array.");
        }
        if (array.isEmpty()) {
            throw ApiException.badRequest("invalid_value", "'messages' must contain at least one message.");
        }
        List<DeploymentChatRequest.Attachment> attachments = new ArrayList<>();
        boolean[] images = {false};
        JsonArrayBuilder messages = Jsonp.PROVIDER.createArrayBuilder();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), i, attachments, images));
        }
        boolean stream = o.get("stream") == JsonValue.TRUE;
        boolean includeUsage = flag(o, "include_usage");
        JsonObjectBuilder forGateway = Jsonp.PROVIDER.createObjectBuilder(o)
                .remove("rewrite_query").remove("filter_metadata").remove("include_usage")
                .add("model", model).add("messages", messages);
        if (stream && includeUsage && !(o.get("stream_options") instanceof JsonObject)) {
            forGateway.add("stream_options", Jsonp.PROVIDER.createObjectBuilder().add("include_usage", true));
        }
        ChatRequest chat = ChatRequestParser.parse(forGateway.build());
        if (chat.temperature() == null && defaultTemperature != null) {
            chat = chat.withTemperature(defaultTemperature);
        }
        if (includeUsage && stream && !chat.includeUsage()) {
            chat = chat.withStream(true, true);
        }
        for (ChatMessage m : chat.messages()) {
            if (!ROLES.contains(m.role())) {
                throw ApiException.badRequest("invalid_value", "Invalid value for 'messages[].role': '" + m.role()
                        + "'. Supported values are: 'system', 'user', 'assistant' and 'tool'.");
            }
        }
        if (chat.lastUserMessage() == null) {
            throw ApiException.badRequest("invalid_value", "'messages' must contain a user message: it is what the "
                    + "deployment answers.");
        }
        return new DeploymentChatRequest(chat, attachments, rewriteQuery(o.get("rewrite_query")),
                MetadataFilter.parse(o.get("filter_metadata"), "filter_metadata"), images[0]);
    }

    private static JsonValue message(JsonValue v, int index, List<DeploymentChatRequest.Attachment> attachments,
                                     boolean[] images) {
        if (!(v instanceof JsonObject m) || !(m.get("content") instanceof JsonArray parts)) {
            return v;
        }
        JsonArrayBuilder kept = Jsonp.PROVIDER.createArrayBuilder();
        for (int j = 0; j < parts.size(); j++) {
            JsonValue p = parts.get(j);
            String path = "messages[" + index + "].content[" + j + "]";
            String type = p instanceof JsonObject po && po.get("type") instanceof JsonString t ? t.getString() : null;
            if ("url".equals(type)) {
                attachments.add(new DeploymentChatRequest.Attachment(index, path, UrlPart.fromJson((JsonObject) p, path)));
                continue;
            }
            if ("image".equals(type) || "image_url".equals(type)) {
                images[0] = true;
                p = Jsonp.PROVIDER.createObjectBuilder((JsonObject) p).add("type", "image_url").build();
            }
            kept.add(p);
        }
        return Jsonp.PROVIDER.createObjectBuilder(m).add("content", kept).build();
    }

    private static boolean flag(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
            return false;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        throw ApiException.badRequest("invalid_type", "Invalid type for '" + name + "': expected a boolean.");
    }

    private static Optional<String> rewriteQuery(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw ApiException.badRequest("invalid_type", "Invalid type for 'rewrite_query': expected a string.");
        }
        String q = s.getString().strip();
        if (q.isEmpty()) {
            throw ApiException.badRequest("invalid_value", "'rewrite_query' is empty: leave it out to let the "
                    + "deployment condense the conversation into a query.");
        }
        if (q.length() > MAX_REWRITE_QUERY) {
            throw ApiException.badRequest("invalid_value", "'rewrite_query' is longer than " + MAX_REWRITE_QUERY
                    + " characters.");
        }
        return Optional.of(q);
    }
}
