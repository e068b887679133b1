package dev.qalam.llm.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code /v1/embeddings}. {@code embedding} is a list of numbers, or a base64 string of
 * little-endian float32 values when {@code encoding_format} is {@code base64}.
 */
public record EmbeddingList(String object, List<Item> data, String model, Usage usage) {

    @Schema(name = "Embedding")
    public record Item(String object, int index,
                       @Schema(ref = "EmbeddingVector") Object embedding) {
    }

    @Schema(name = "EmbeddingUsage")
    public record Usage(int promptTokens, int totalTokens) {
    }
}
