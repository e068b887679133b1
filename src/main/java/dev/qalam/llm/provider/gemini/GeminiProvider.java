package dev.qalam.llm.provider.gemini;

import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.LineStream;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.UpstreamHttp;
import dev.qalam.llm.provider.Usage;
import dev.qalam.llm.provider.gemini.internal.GeminiWire;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Chat against Google Gemini's native API. */
@Dependent
public class GeminiProvider extends ChatProvider {

    private UpstreamHttp http;

    protected GeminiProvider() {
    }

    @Inject
    public GeminiProvider(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    protected ChatResult doChat(ProviderTarget t, ChatRequest request) {
        String body = http.postJson(t.provider(), url(t, ":generateContent"), headers(t), GeminiWire.requestBody(request),
                (status, text, h) -> GeminiWire.error(t.provider(), status, text, h));
        return GeminiWire.completion(t.provider(), GeminiWire.parse(t.provider(), body));
    }

    @Override
    protected ChatStream doOpenStream(ProviderTarget t, ChatRequest request) {
        LineStream lines = http.openStream(t.provider(), url(t, ":streamGenerateContent?alt=sse"), headers(t),
                GeminiWire.requestBody(request), (status, text, h) -> GeminiWire.error(t.provider(), status, text, h));
        return new ChatStream() {
            @Override
            public void pump(ChatStreamSink sink) {
                int[] calls = new int[Math.max(1, request.n())];
                boolean[] started = new boolean[calls.length];
                int finished = 0;
                Usage usage = null;
                try {
                    String data;
                    while ((data = lines.nextEventData()) != null) {
                        if (sink.cancelled()) {
                            return;
                        }
                        JsonObject chunk = GeminiWire.parse(t.provider(), data);
                        if (chunk.get("error") instanceof JsonObject) {
                            throw GeminiWire.error(t.provider(), chunk.getJsonObject("error").getInt("code", 502), data, null);
                        }
                        for (ChunkDelta d : GeminiWire.deltas(t.provider(), chunk, calls)) {
                            if (d.index() < started.length && !started[d.index()]) {
                                started[d.index()] = true;
                                sink.delta(new ChunkDelta(d.index(), "assistant", "", null, null));
                            }
                            if (d.content() != null || d.toolCalls() != null) {
                                sink.delta(new ChunkDelta(d.index(), null, d.content(), d.toolCalls(), null));
                            }
                            if (d.finishReason() != null) {
                                finished++;
                                sink.delta(ChunkDelta.finish(d.index(), d.finishReason()));
                            }
                        }
                        Usage u = GeminiWire.usage(chunk);
                        usage = u != null ? u : usage;
                    }
                    // Gemini has no end marker: the answer is complete when every candidate reported why it finished.
                    if (finished < calls.length && !sink.cancelled()) {
                        throw UpstreamErrors.truncated(t.provider());
                    }
                    if (usage != null) {
                        sink.usage(usage);
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

    private static String url(ProviderTarget t, String method) {
        String model = t.upstreamModel().startsWith("models/") ? t.upstreamModel().substring(7) : t.upstreamModel();
        return t.url("/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + method);
    }

    private static Map<String, String> headers(ProviderTarget t) {
        return Map.of("x-goog-api-key", t.apiKey());
    }
}
