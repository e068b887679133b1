package dev.qalam.llm.provider;

import jakarta.json.JsonArray;
import java.util.List;

/** A whole (non-streamed) answer: one entry per requested choice, and the tokens the provider counted. */
public record ChatResult(List<Choice> choices, Usage usage) {

    public ChatResult {
        choices = List.copyOf(choices);
    }

    /** {@code toolCalls} is in the OpenAI shape ({@code [{"id","type":"function","function":{...}}]}) or null. */
    public record Choice(int index, String content, JsonArray toolCalls, String finishReason) {
    }
}
