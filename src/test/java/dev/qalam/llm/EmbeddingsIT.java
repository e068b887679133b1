package dev.qalam.llm;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/embeddings}: validation, and the in-process {@code deep-sa/alEmbedding} through the OpenAI SDK. */
class EmbeddingsIT {

    static Keys.TestKey key;

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        key = Keys.create("llm", "models");
    }

    @Test
    void invalidRequestsAre400Or404() {
        Api api = key.api();
        Errors.assertError(api.post("/v1/embeddings", obj("model", "no-such-model", "input", "x")), 404, "model_not_found");
        Errors.assertError(api.post("/v1/embeddings", obj("model", "local/extractive", "input", "x")), 400, "invalid_model");
        Errors.assertError(api.post("/v1/embeddings", obj("model", "deep-sa/alEmbedding")), 400, "missing_required_parameter");
        Errors.assertError(api.post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "")), 400, "invalid_value");
        Errors.assertError(api.post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", List.of(1, 2))), 400,
                "invalid_type");
        Errors.assertError(api.post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "x",
                "encoding_format", "int8")), 400, "invalid_value");
        Errors.assertError(api.post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "x",
                "dimensions", 0)), 400, "invalid_value");
        Errors.assertError(api.postRaw("/v1/embeddings", "application/json", "{"), 400, "invalid_json");
        Errors.assertError(Keys.create("models").api().post("/v1/embeddings",
                obj("model", "deep-sa/alEmbedding", "input", "x")), 403, "insufficient_scope");
    }

    @Test
    void embedsInOrderThroughTheSdk() {
        CreateEmbeddingResponse r = OpenAiSdk.client(key.secret()).embeddings().create(EmbeddingCreateParams.builder()
                .model("deep-sa/alEmbedding")
                .inputOfArrayOfStrings(List.of("The quick brown fox jumps over the lazy dog", "Riyadh", "The quick brown fox"))
                .build());
        assertEquals("deep-sa/alEmbedding", r.model());
        assertEquals(3, r.data().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, r.data().get(i).index());
        }
        List<Float> a = r.data().get(0).embedding();
        List<Float> c = r.data().get(2).embedding();
        List<Float> b = r.data().get(1).embedding();
        assertTrue(cos(a, c) > cos(a, b), "similar sentences are closer");
        assertTrue(r.usage().promptTokens() > 0);
    }

    @Test
    void base64AndShortenedVectors() {
        JsonNode f = key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "hello world")).json();
        int dims = f.at("/data/0/embedding").size();
        JsonNode b = key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "hello world",
                "encoding_format", "base64")).json();
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(b.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(dims * 4, buf.remaining());
        assertEquals((float) f.at("/data/0/embedding/0").asDouble(), buf.getFloat(0), 1e-6);

        JsonNode s = key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "hello world",
                "dimensions", 64)).json();
        JsonNode v = s.at("/data/0/embedding");
        assertEquals(64, v.size());
        double norm = 0;
        for (JsonNode x : v) {
            norm += x.asDouble() * x.asDouble();
        }
        assertEquals(1.0, norm, 1e-3);
        Errors.assertError(key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "x",
                "dimensions", dims + 1)), 400, "invalid_value");
    }

    @Test
    void anInputOverTheModelsContextIsRefusedAsOpenAiDoes() {
        String sentence = "Payments are accepted by bank transfer only. ";
        JsonNode e = Errors.assertError(key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding",
                "input", List.of("fits", sentence.repeat(40)))), 400, "context_length_exceeded");
        assertTrue(e.get("message").asText().matches("This model's maximum context length is 254 tokens, however "
                + "'input\\[1\\]' has \\d{3} tokens\\. .*"), e.get("message").asText());

        // 30 MB in one input: refused from the start of the text, not tokenized whole.
        String huge = sentence.repeat(30 * 1024 * 1024 / sentence.length());
        JsonNode h = Errors.assertError(key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding",
                "input", huge)), 400, "context_length_exceeded");
        assertTrue(h.get("message").asText().contains("'input[0]' has about "), h.get("message").asText());
        assertEquals(200, key.api().post("/v1/embeddings", obj("model", "deep-sa/alEmbedding", "input", "still here")).status());
    }

    static double cos(List<Float> x, List<Float> y) {
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.size(); i++) {
            dot += x.get(i) * y.get(i);
            nx += x.get(i) * x.get(i);
            ny += y.get(i) * y.get(i);
        }
        return dot / Math.sqrt(nx * ny);
    }
}
