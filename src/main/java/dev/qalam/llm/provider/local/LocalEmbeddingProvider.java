package dev.qalam.llm.provider.local;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel;
import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.llm.provider.InProcess;
import dev.qalam.llm.provider.ProviderTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

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

    /** Measured with the model's own tokenizer, tokenizing at most a bounded start of each input. */
    @Override
    public Optional<Oversized> firstOversized(ProviderTarget target, List<String> inputs) {
        int limit = model.maxTextTokens();
        for (int i = 0; i < inputs.size(); i++) {
            LocalEmbeddingModel.Measure m = model.measure(inputs.get(i), limit);
            if (m.tokens() > limit) {
                return Optional.of(new Oversized(i, m.tokens(), m.exact(), limit));
            }
        }
        return Optional.empty();
    }

    @Override
    public int dimensions(ProviderTarget target) {
        return model.dimensions();
    }
}
