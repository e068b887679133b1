package dev.qalam.llm;

import java.util.List;

/**
 * One entry of the model catalogue: the id clients use (and any aliases), what {@code /v1/models} shows
 * ({@code type}, {@code owned_by}, {@code created}), and where it is served: the provider, the provider's
 * own model name, the models to fall back to when the provider fails before answering, and whether it reads
 * images ({@code vision}: image parts and page screenshots of the Deployment API reach only such models).
 */
public record CatalogModel(String id, String type, String ownedBy, long created, String provider,
                           String upstreamModel, List<String> aliases, List<String> fallbacks, Boolean vision) {

    public CatalogModel {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        upstreamModel = upstreamModel == null || upstreamModel.isBlank() ? id : upstreamModel;
    }

    /** Whether the model reads images (the catalogue's {@code vision}, false when absent). */
    public boolean canSee() {
        return Boolean.TRUE.equals(vision);
    }

    public boolean isEmbedding() {
        return "embedding".equals(type);
    }
}
