package dev.qalam.llm.provider;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, typed: what every adapter translates to its provider's format, and all
 * that reaches a provider (nothing of the client's JSON is forwarded besides what is here).
 *
 * @param role {@code system}, {@code developer}, {@code user}, {@code assistant}, {@code tool} or {@code function}
 * @param text the content when it was a plain string; when it was a list of parts, their text parts joined
 * @param parts the content parts in order, or null when the content was a plain string
 * @param name the participant's name (for {@code function} messages: the function's), or null
 * @param toolCalls the calls an assistant message made, or null
 * @param toolCallId the call a {@code tool} message answers, or null
 */
public record ChatMessage(String role, String text, List<ContentPart> parts, String name, List<ToolCall> toolCalls,
                          String toolCallId) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = parts == null ? null : List.copyOf(parts);
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls);
    }

    /**
     * A content part: {@code text} with its text, or {@code image_url} with the URL (a {@code data:} URL or
     * http(s)) and OpenAI's optional {@code detail} ({@code auto}, {@code low}, {@code high}).
     */
    public record ContentPart(String type, String text, String imageUrl, String detail) {

        public ContentPart {
            Objects.requireNonNull(type, "type");
        }

        public static ContentPart text(String text) {
            return new ContentPart("text", Objects.requireNonNull(text, "text"), null, null);
        }

        public static ContentPart image(String url) {
            return new ContentPart("image_url", null, Objects.requireNonNull(url, "url"), null);
        }

        public boolean isText() {
            return "text".equals(type);
        }

        public boolean isImage() {
            return "image_url".equals(type);
        }
    }

    /** A function call an assistant made: the call's id, the function's name and its arguments (a JSON text). */
    public record ToolCall(String id, String name, String arguments) {

        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? "{}" : arguments;
        }
    }

    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, text, null, null, null, null);
    }

    public static ChatMessage system(String text) {
        return of("system", text);
    }

    public static ChatMessage user(String text) {
        return of("user", text);
    }

    /** A user message of several parts (text and images, for vision models); {@code text} joins the text parts. */
    public static ChatMessage user(List<ContentPart> parts) {
        return new ChatMessage("user", joinText(parts), parts, null, null, null);
    }

    /** Its text parts, joined by blank lines (empty when there is none). */
    public static String joinText(List<ContentPart> parts) {
        StringBuilder joined = new StringBuilder();
        for (ContentPart p : parts) {
            if (p.isText() && p.text() != null) {
                if (!joined.isEmpty()) {
                    joined.append("\n\n");
                }
                joined.append(p.text());
            }
        }
        return joined.toString();
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }
}
