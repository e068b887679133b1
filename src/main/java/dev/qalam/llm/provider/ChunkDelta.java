package dev.qalam.llm.provider;

import jakarta.json.JsonArray;

/**
 * One increment of a streamed answer for one choice: any of role, content, tool call fragments (OpenAI
 * shape, with their {@code index}) and, on the last increment of a choice, the finish reason.
 */
public record ChunkDelta(int index, String role, String content, JsonArray toolCalls, String finishReason) {

    public static ChunkDelta content(int index, String content) {
        return new ChunkDelta(index, null, content, null, null);
    }

    public static ChunkDelta finish(int index, String finishReason) {
        return new ChunkDelta(index, null, null, null, finishReason);
    }
}
