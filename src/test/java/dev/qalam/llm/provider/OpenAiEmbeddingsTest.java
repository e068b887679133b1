package dev.qalam.llm.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.qalam.llm.provider.openai.OpenAiCompatibleProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upstream embeddings through the OpenAI-compatible adapter, against a fake in OpenAI's format. */
class OpenAiEmbeddingsTest {

    static WireMockServer fake;
    static OpenAiCompatibleProvider provider;

    @BeforeAll
    static void start() {
        fake = new WireMockServer(options().dynamicPort());
        fake.start();
        provider = new OpenAiCompatibleProvider(new UpstreamHttp(
                new UpstreamHttp.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1)), null));
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    ProviderTarget target() {
        return new ProviderTarget("deepcloud", "text-embedding-3-small", fake.baseUrl() + "/v1", "k");
    }

    @Test
    void keepsTheOrderOfTheInputsByIndex() {
        fake.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(containing("\"text-embedding-3-small\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"object":"list","data":[
                          {"object":"embedding","index":1,"embedding":[0.5,-0.5]},
                          {"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292]}],
                         "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}
                        """)));
        EmbeddingProvider.Embeddings e = provider.embed(target(), List.of("first", "second"));
        assertArrayEquals(new float[]{0.0023064255f, -0.009327292f}, e.vectors().get(0));
        assertArrayEquals(new float[]{0.5f, -0.5f}, e.vectors().get(1));
        assertEquals(8, e.promptTokens());
    }

    @Test
    void errorsAreSplitLikeChatErrors() {
        fake.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\",\"type\":\"invalid_request_error\"}}")));
        UpstreamException e = assertThrows(UpstreamException.class, () -> provider.embed(target(), List.of("x")));
        assertInstanceOf(NonRetriableUpstreamException.class, e);
    }
}
