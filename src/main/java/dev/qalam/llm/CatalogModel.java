package dev.qalam.llm;

import java.util.List;

/**
 * One entry of the model catalogue: the id clients use (and any aliases), what {@code /v1/models} shows
 * ({@code type}, {@code owned_by}, {@code created}), and where it is served: the provider, the provider's
 * own model name, and the models to fall back to when the provider fails before answering.
 */
public record CatalogModel(String id, String type, String ownedBy, long created, String provider,
                           String upstreamModel, List<String> aliases, List<String> fallbacks) {

    public CatalogModel {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        upstreamModel = upstreamModel == null || upstreamModel.isBlank() ? id : upstreamModel;
    }

    public boolean isEmbedding() {
        return "embedding".equals(type);
    }
}
