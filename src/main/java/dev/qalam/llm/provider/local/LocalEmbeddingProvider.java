package dev.qalam.llm.provider.local;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel;
import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.llm.provider.InProcess;
import dev.qalam.llm.provider.ProviderTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The catalogue's {@code local} embedding provider: the in-process model, vectors and token count as it gives them. */
@ApplicationScoped
@InProcess
public class LocalEmbeddingProvider implements EmbeddingProvider {

    @Inject
    LocalEmbeddingModel model;

    /** For CDI. */
    public LocalEmbeddingProvider() {
    }

    /** Outside a container, over a model made there. */
    public LocalEmbeddingProvider(LocalEmbeddingModel model) {
        this.model = model;
    }

    @Override
    public Embeddings embed(ProviderTarget target, List<String> inputs) {
        LocalEmbeddingModel.Embeddings e = model.embed(inputs);
        return new Embeddings(e.vectors(), e.tokens());
    }

    @Override
    public int dimensions(ProviderTarget target) {
        return model.dimensions();
    }
}
