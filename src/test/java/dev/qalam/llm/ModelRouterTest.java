package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel;
import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.ProviderRegistry;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.Usage;
import dev.qalam.llm.provider.local.ExtractiveProvider;
import dev.qalam.llm.provider.local.LocalEmbeddingProvider;
import dev.qalam.platform.errors.ApiException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router from Java, as retrieval and deployments call it: the catalogue's models over a registry of
 * providers (the in-process ones for real, upstream providers stood in for by adapters that fail the way
 * providers fail), with fallbacks, and plain vectors for embeddings.
 */
class ModelRouterTest {

    static LocalEmbeddingModel embeddingModel;

    /** Stands in for an upstream provider that is down: every call fails as a 503 would. */
    static final class DownProvider extends ChatProvider {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        protected ChatResult doChat(ProviderTarget target, ChatRequest request) {
            calls.incrementAndGet();
            throw UpstreamErrors.fromProvider(target.provider(), 503, "Service Unavailable", null, null);
        }

        @Override
        protected ChatStream doOpenStream(ProviderTarget target, ChatRequest request) {
            calls.incrementAndGet();
            throw UpstreamErrors.fromProvider(target.provider(), 503, "Service Unavailable", null, null);
        }
    }

    /** Stands in for an upstream provider that refuses the request itself (a 400 about its content). */
    static final class RefusingProvider extends ChatProvider {
        @Override
        protected ChatResult doChat(ProviderTarget target, ChatRequest request) {
            throw UpstreamErrors.fromProvider(target.provider(), 400, "'messages' must contain the word json", "json_validate_failed", null);
        }

        @Override
        protected ChatStream doOpenStream(ProviderTarget target, ChatRequest request) {
            throw UpstreamErrors.fromProvider(target.provider(), 400, "'messages' must contain the word json", "json_validate_failed", null);
        }
    }

    final DownProvider down = new DownProvider();
    final ModelRouter router = router(down);

    @BeforeAll
    static void loadModel() {
        embeddingModel = new LocalEmbeddingModel(new LocalEmbeddingModel.Settings(Optional.empty(), 1, 16,
                Optional.of(Path.of("target", "native"))));
    }

    @AfterAll
    static void closeModel() {
        embeddingModel.close();
    }

    ModelRouter router(DownProvider downProvider) {
        return RouterFixture.router(List.of(
                new ProviderRegistry.Provider("local", null, null, new ExtractiveProvider(),
                        new LocalEmbeddingProvider(embeddingModel), ProviderRegistry.Guard.NONE),
                // Upstream providers: enabled only by their keys, as the real ones are.
                new ProviderRegistry.Provider("down", "DOWN", "http://down.invalid/v1", downProvider, null, null),
                new ProviderRegistry.Provider("refusing", "REFUSING", "http://refusing.invalid/v1", new RefusingProvider(), null, null),
                new ProviderRegistry.Provider("unset", "UNSET", "http://unset.invalid/v1", downProvider, null, null)),
                List.of(
                        new CatalogModel("local/extractive", "llm", "qalam", 1, "local", "extractive", null, null, null),
                        new CatalogModel("deep-sa/alEmbedding", "embedding", "qalam", 1, "local", null, null, null, null),
                        new CatalogModel("big", "llm", "acme", 1, "down", "big-v2", List.of("big-alias"),
                                List.of("unset-model", "local/extractive"), null),
                        new CatalogModel("strict", "llm", "acme", 1, "refusing", null, null, List.of("local/extractive"), null),
                        new CatalogModel("unset-model", "llm", "acme", 1, "unset", null, null, null, null),
                        new CatalogModel("remote-embedder", "embedding", "acme", 1, "down", null, null, null, null)),
                Map.of("DOWN_API_KEY", "k", "REFUSING_API_KEY", "k"));
    }

    /** A deployment's request: its own system prompt with retrieved context, then the user's question. */
    static ChatRequest deploymentRequest(String model) {
        return ChatRequest.of(model, List.of(
                ChatMessage.system("Answer from these passages.\n\nThe invoice total is 4,500 SAR.\n\n"
                        + "Payments are accepted by bank transfer only."),
                ChatMessage.user("Which payments are accepted?")));
    }

    @Test
    void chatAnswersWithADomainResultAndTheModelThatServedIt() {
        ModelRouter.ChatAnswer a = router.chat(deploymentRequest("local/extractive"));
        assertEquals("local/extractive", a.servedBy().id());
        String text = a.result().choices().get(0).content();
        assertTrue(text.contains("Payments are accepted by bank transfer only."), text);
        assertTrue(a.result().usage().promptTokens() > 0);
        assertNotNull(router.latency.averageMillis("local/extractive"));
    }

    @Test
    void fallsBackPastAFailingProviderAndSkipsFallbacksThatAreNotConfigured() {
        ModelRouter.ChatRoute route = router.chatRoute("big-alias");
        assertEquals(List.of("big", "local/extractive"), route.candidates().stream().map(CatalogModel::id).toList());
        ModelRouter.ChatAnswer a = router.chat(route, deploymentRequest("big-alias"));
        assertEquals("local/extractive", a.servedBy().id());
        assertEquals(1, down.calls.get());

        StringBuilder streamed = new StringBuilder();
        ModelRouter.OpenStream s = router.openStream(deploymentRequest("big"));
        assertEquals("local/extractive", s.servedBy().id());
        s.stream().pump(new ChatStreamSink() {
            @Override
            public void delta(ChunkDelta d) {
                if (d.content() != null) {
                    streamed.append(d.content());
                }
            }

            @Override
            public void usage(Usage u) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        assertEquals(a.result().choices().get(0).content(), streamed.toString());
    }

    @Test
    void aRefusalOfTheRequestItselfIsNotSentToAFallback() {
        ApiException e = assertThrows(ApiException.class, () -> router.chat(deploymentRequest("strict")));
        assertEquals(400, e.status());
        assertEquals("json_validate_failed", e.code());
    }

    @Test
    void everyCandidateFailingAnswersTheFirstFailure() {
        ModelRouter.ChatRoute onlyDown = new ModelRouter.ChatRoute("big", List.of(router.chatRoute("big").candidates().get(0)));
        ApiException e = assertThrows(ApiException.class, () -> router.chat(onlyDown, deploymentRequest("big")));
        assertEquals(503, e.status());
        assertEquals("upstream_error", e.type());
    }

    @Test
    void routesAreCheckedBeforeAnyProviderIsCalled() {
        assertEquals("model_not_found", assertThrows(ApiException.class, () -> router.chatRoute("nope")).code());
        assertEquals("invalid_model", assertThrows(ApiException.class, () -> router.chatRoute("deep-sa/alEmbedding")).code());
        ApiException unset = assertThrows(ApiException.class, () -> router.chatRoute("unset-model"));
        assertEquals(503, unset.status());
        assertTrue(unset.getMessage().contains("UNSET_API_KEY"), unset.getMessage());
        assertEquals("invalid_model", assertThrows(ApiException.class, () -> router.embeddingRoute("big")).code());
        assertEquals("model_not_available", assertThrows(ApiException.class, () -> router.embeddingRoute("remote-embedder")).code());
        assertEquals(0, down.calls.get());
    }

    @Test
    void embedGivesPlainVectorsInTheOrderOfTheTexts() {
        List<String> texts = List.of("The invoice total is 4,500 SAR.", "Payments by bank transfer.", "The invoice total is 4,500 SAR.");
        float[][] v = router.embed("deep-sa/alEmbedding", texts);
        assertEquals(3, v.length);
        assertEquals(embeddingModel.dimensions(), v[0].length);
        assertArrayEquals(v[0], v[2]);
        List<float[]> direct = new ArrayList<>(embeddingModel.embed(List.of(texts.get(1))).vectors());
        assertArrayEquals(direct.get(0), v[1]);
        assertEquals(embeddingModel.dimensions(), router.embeddingRoute("deep-sa/alEmbedding").dimensions());
    }

    @Test
    void anInputOverTheModelsContextIsRefusedWithItsTokenCount() {
        String sentence = "Payments are accepted by bank transfer only. ";
        String over = sentence.repeat(40);
        ApiException e = assertThrows(ApiException.class,
                () -> router.embed("deep-sa/alEmbedding", List.of("fits", over)));
        assertEquals(400, e.status());
        assertEquals("context_length_exceeded", e.code());
        assertTrue(e.getMessage().startsWith("This model's maximum context length is 254 tokens, however 'input[1]' has "
                + embeddingModel.countTokens(over) + " tokens."), e.getMessage());

        String huge = sentence.repeat(30 * 1024 * 1024 / sentence.length());
        ApiException hugeError = assertThrows(ApiException.class, () -> router.embed("deep-sa/alEmbedding", List.of(huge)));
        assertEquals("context_length_exceeded", hugeError.code());
        assertTrue(hugeError.getMessage().contains("however 'input[0]' has about "), hugeError.getMessage());
        assertTrue(hugeError.getMessage().contains("(" + huge.length() + " characters)"), hugeError.getMessage());
    }
}
