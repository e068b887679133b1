package dev.qalam.llm.provider.openai;

import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.llm.provider.LineStream;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.UpstreamHttp;
import dev.qalam.llm.provider.Usage;
import dev.qalam.llm.provider.openai.internal.OpenAiWire;
import dev.qalam.platform.json.Jsonp;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chat and embeddings against any server that speaks the OpenAI API. */
@Dependent
public class OpenAiCompatibleProvider extends ChatProvider implements EmbeddingProvider {

    private UpstreamHttp http;

    protected OpenAiCompatibleProvider() {
    }

    @Inject
    public OpenAiCompatibleProvider(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    protected ChatResult doChat(ProviderTarget t, ChatRequest request) {
        String body = http.postJson(t.provider(), t.url("/chat/completions"), headers(t),
                OpenAiWire.requestBody(request, t.upstreamModel(), false),
                (status, text, h) -> OpenAiWire.error(t.provider(), status, text, h));
        return OpenAiWire.completion(t.provider(), OpenAiWire.parse(t.provider(), body));
    }

    @Override
    protected ChatStream doOpenStream(ProviderTarget t, ChatRequest request) {
        LineStream lines = http.openStream(t.provider(), t.url("/chat/completions"), headers(t),
                OpenAiWire.requestBody(request, t.upstreamModel(), true),
                (status, text, h) -> OpenAiWire.error(t.provider(), status, text, h));
        return new ChatStream() {
            @Override
            public void pump(ChatStreamSink sink) {
                boolean finished = false;
                try {
                    String data;
                    while ((data = lines.nextEventData()) != null) {
                        if (sink.cancelled()) {
                            return;
                        }
                        if ("[DONE]".equals(data.strip())) {
                            lines.skipToEnd();
                            return;
                        }
                        JsonObject chunk = OpenAiWire.parse(t.provider(), data);
                        if (chunk.get("error") instanceof JsonObject) {
                            throw OpenAiWire.error(t.provider(), 502, data, null);
                        }
                        for (ChunkDelta d : OpenAiWire.deltas(chunk)) {
                            finished |= d.finishReason() != null;
                            sink.delta(d);
                        }
                        Usage u = OpenAiWire.usage(chunk);
                        if (u != null) {
                            sink.usage(u);
                        }
                    }
                    // The body ended without [DONE]: only a complete answer (every choice finished) is accepted.
                    if (!finished && !sink.cancelled()) {
                        throw UpstreamErrors.truncated(t.provider());
                    }
                } finally {
                    lines.cancel();
                }
            }

            @Override
            public void cancel() {
                lines.cancel();
            }
        };
    }

    @Override
    public Embeddings embed(ProviderTarget t, List<String> inputs) {
        JsonObject req = Jsonp.PROVIDER.createObjectBuilder().add("model", t.upstreamModel())
                .add("input", Jsonp.PROVIDER.createArrayBuilder(inputs)).add("encoding_format", "float").build();
        String body = http.postJson(t.provider(), t.url("/embeddings"), headers(t), req.toString(),
                (status, text, h) -> OpenAiWire.error(t.provider(), status, text, h));
        JsonObject o = OpenAiWire.parse(t.provider(), body);
        JsonArray data = o.getJsonArray("data");
        if (data == null || data.size() != inputs.size()) {
            throw UpstreamErrors.fromStatus(t.provider(), 502, "The provider returned "
                    + (data == null ? 0 : data.size()) + " embeddings for " + inputs.size() + " inputs.",
                    "upstream_invalid_response", null);
        }
        float[][] vectors = new float[inputs.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonObject item = data.getJsonObject(i);
            int index = item.getInt("index", i);
            JsonArray e = item.getJsonArray("embedding");
            float[] v = new float[e.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) ((JsonNumber) e.get(j)).doubleValue();
            }
            vectors[index] = v;
        }
        JsonObject u = o.get("usage") instanceof JsonObject x ? x : JsonValue.EMPTY_JSON_OBJECT;
        return new Embeddings(new ArrayList<>(List.of(vectors)), u.getInt("prompt_tokens", 0));
    }

    @Override
    public int dimensions(ProviderTarget target) {
        return 0;
    }

    private static Map<String, String> headers(ProviderTarget t) {
        return Map.of("Authorization", "Bearer " + t.apiKey(), "Accept", "application/json, text/event-stream");
    }
}
