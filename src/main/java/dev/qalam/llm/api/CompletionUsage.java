package dev.qalam.llm.api;

import dev.qalam.llm.provider.Usage;

/** Token counts of a completion. */
public record CompletionUsage(int promptTokens, int completionTokens, int totalTokens) {

    public static CompletionUsage of(Usage u) {
        return new CompletionUsage(u.promptTokens(), u.completionTokens(), u.totalTokens());
    }
}
