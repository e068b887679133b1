package dev.qalam.llm.provider;

import jakarta.json.JsonArray;
import java.util.List;

/**
 * One message of a conversation. {@code parts} is null when the client sent the content as a plain
 * string (then {@code text} holds it); otherwise it lists the content parts in order and {@code text}
 * joins their text parts.
 */
public record ChatMessage(String role, String text, List<ContentPart> parts, String name, JsonArray toolCalls,
                          String toolCallId) {

    /** A content part: {@code text}, or {@code image_url} with the URL (a {@code data:} URL or http(s)). */
    public record ContentPart(String type, String text, String imageUrl) {
        public boolean isText() {
            return "text".equals(type);
        }
    }

    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, text, null, null, null, null);
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }
}
