package dev.qalam.llm.provider;

/** Tokens consumed by one request, as the provider counted them. */
public record Usage(int promptTokens, int completionTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
