package dev.qalam.llm.api;

import java.util.List;

/**
 * The answer of {@code /v1/embeddings}. {@code embedding} is a list of numbers, or a base64 string of
 * little-endian float32 values when {@code encoding_format} is {@code base64}.
 */
public record EmbeddingList(String object, List<Item> data, String model, Usage usage) {

    public record Item(String object, int index, Object embedding) {
    }

    public record Usage(int promptTokens, int totalTokens) {
    }
}
