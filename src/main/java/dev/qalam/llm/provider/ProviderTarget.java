package dev.qalam.llm.provider;

/**
 * Where one catalogue model is served: the provider id (as in the catalogue: {@code openai}, {@code groq},
 * {@code gemini}, {@code deepcloud}, {@code local}), the model name the provider knows, its base URL and key.
 */
public record ProviderTarget(String provider, String upstreamModel, String baseUrl, String apiKey) {

    public String url(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
