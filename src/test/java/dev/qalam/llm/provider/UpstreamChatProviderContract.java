package dev.qalam.llm.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every adapter of an upstream provider passes on top of {@link ChatProviderContract}, against
 * an in-process fake of its provider that speaks the provider's real wire format (bodies as the providers
 * document them), with fault injection:
 * error answers, rate limits with a wait, a stream that stalls, a stream cut mid-way, an upstream that is
 * slow to answer or unreachable. Retries and fallbacks are the guard's job and are covered over HTTP by
 * the integration tests; here each failure must surface as the right retriable or non-retriable type.
 */
public abstract class UpstreamChatProviderContract extends ChatProviderContract {

    protected static WireMockServer fake;
    protected static final Duration IDLE = Duration.ofMillis(700);
    protected UpstreamHttp http;

    /**
     * A second fake for stalls: WireMock's dribbled bodies pace every chunk evenly (the headers wait for the
     * first one), so a stream that starts and then goes silent is served by a plain JDK server that writes the
     * first events, flushes them and stays silent until the test ends.
     */
    protected static HttpServer staller;
    private static volatile byte[] stallHead = new byte[0];
    private static volatile CountDownLatch testOver;

    @BeforeAll
    static void startFake() throws IOException {
        fake = new WireMockServer(options().dynamicPort());
        fake.start();
        testOver = new CountDownLatch(1);
        staller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        staller.setExecutor(Executors.newCachedThreadPool());
        staller.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(stallHead);
            out.flush();
            try {
                testOver.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        staller.start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
        testOver.countDown();
        staller.stop(0);
    }

    /** Makes the stalling fake send {@code head} (events in the provider's format) and then nothing. */
    protected static void stallAfter(String head) {
        stallHead = head.getBytes(StandardCharsets.UTF_8);
    }

    protected ProviderTarget stallingTarget() {
        return target("http://127.0.0.1:" + staller.getAddress().getPort());
    }

    @BeforeEach
    void reset() {
        fake.resetAll();
        http = new UpstreamHttp(new UpstreamHttp.Timeouts(Duration.ofMillis(1000), Duration.ofMillis(3000), IDLE), null);
    }

    protected abstract ChatProvider provider(UpstreamHttp http);

    /** The provider's id and base URL on the fake. */
    protected abstract ProviderTarget target(String fakeBaseUrl);

    protected abstract void stubAnswer(String text, int promptTokens, int completionTokens);

    /** A complete stream of these text pieces, then the end of the answer and usage. */
    protected abstract void stubStream(List<String> pieces, int promptTokens, int completionTokens);

    /** The first pieces of a stream (for {@link #stallAfter}), after which the provider goes silent. */
    protected abstract String streamHead(List<String> pieces);

    /** The first pieces of a stream, then the connection ends without the answer's end. */
    protected abstract void stubCutStream(List<String> pieces);

    protected abstract void stubToolCall(String name, String argumentsJson, boolean stream);

    /** An error in the provider's own format; {@code retryAfterSeconds} null for none. */
    protected abstract void stubError(int status, String message, Integer retryAfterSeconds, boolean stream);

    protected abstract void stubSlowAnswer(Duration delay);

    /** What the provider received in its last request, as JSON. */
    protected JsonObject lastRequestBody() {
        var requests = fake.getAllServeEvents();
        assertFalse(requests.isEmpty(), "the fake received no request");
        try (var r = Json.createReader(new StringReader(requests.get(0).getRequest().getBodyAsString()))) {
            return r.readObject();
        }
    }

    @Override
    protected ChatProvider provider() {
        return provider(http);
    }

    @Override
    protected ProviderTarget target() {
        return target(fake.baseUrl());
    }

    @Override
    protected void willAnswer(boolean stream) {
        if (stream) {
            stubStream(List.of("Riyadh", "."), 5, 2);
        } else {
            stubAnswer("Riyadh.", 5, 2);
        }
    }

    /** The body the fake received last. */
    @Override
    protected String whatTheModelReceived(String answer) {
        return lastRequestBody().toString();
    }

    protected static ChatRequest request(boolean stream, List<ChatRequest.Tool> tools) {
        ChatRequest r = ChatRequest.of("client-model", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello?")))
                .withTemperature(0.5).withMaxOutputTokens(100).withStream(stream, true);
        return tools == null ? r : new ChatRequest(r.model(), r.messages(), r.temperature(), r.topP(), r.maxTokens(),
                r.maxCompletionTokens(), r.n(), r.stop(), r.presencePenalty(), r.frequencyPenalty(), r.seed(), tools,
                null, null, r.responseFormat(), r.reasoningEffort(), r.user(), r.stream(), r.includeUsage());
    }

    static List<ChatRequest.Tool> weatherTool() {
        return List.of(new ChatRequest.Tool("get_weather", "Weather of a city", Json.createObjectBuilder()
                .add("type", "object").add("properties", Json.createObjectBuilder().add("city",
                        Json.createObjectBuilder().add("type", "string"))).build(), null));
    }

    @Test
    void imagePartsOfAChangedRequestReachTheProvider() {
        willAnswer(false);
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        ChatRequest r = request(false, null).withMessages(List.of(ChatMessage.system("Describe images."),
                ChatMessage.user(List.of(ChatMessage.ContentPart.text("What is in this picture?"),
                        ChatMessage.ContentPart.image(png)))));
        provider().chat(target(), r);
        String body = lastRequestBody().toString();
        assertTrue(body.contains("What is in this picture?"), body);
        assertTrue(body.contains("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), body);
    }

    @Test
    void answersWholeWithUsage() {
        stubAnswer("Hello! How can I help?", 19, 7);
        ChatResult r = provider().chat(target(), request(false, null));
        assertEquals("Hello! How can I help?", r.choices().get(0).content());
        assertEquals("stop", r.choices().get(0).finishReason());
        assertEquals(new Usage(19, 7), r.usage());
        assertNotNull(lastRequestBody());
    }

    @Test
    void streamsPiecesInOrderWithFinishAndUsage() {
        stubStream(List.of("Hel", "lo", " world"), 9, 3);
        Collector c = new Collector();
        provider().openStream(target(), request(true, null)).pump(c);
        assertEquals("Hello world", c.text.toString());
        assertEquals("stop", c.finishReason);
        assertEquals(new Usage(9, 3), c.usage);
    }

    @Test
    void passesToolsAndReturnsToolCalls() {
        stubToolCall("get_weather", "{\"city\":\"Riyadh\"}", false);
        ChatResult r = provider().chat(target(), request(false, weatherTool()));
        assertEquals("tool_calls", r.choices().get(0).finishReason());
        JsonObject call = r.choices().get(0).toolCalls().getJsonObject(0);
        assertEquals("function", call.getString("type"));
        assertEquals("get_weather", call.getJsonObject("function").getString("name"));
        try (var rd = Json.createReader(new StringReader(call.getJsonObject("function").getString("arguments")))) {
            assertEquals("Riyadh", rd.readObject().getString("city"));
        }
        assertTrue(lastRequestBody().toString().contains("get_weather"), "the tool reached the provider");
    }

    @Test
    void streamsToolCalls() {
        stubToolCall("get_weather", "{\"city\":\"Riyadh\"}", true);
        Collector c = new Collector();
        provider().openStream(target(), request(true, weatherTool())).pump(c);
        assertEquals("tool_calls", c.finishReason);
        StringBuilder args = new StringBuilder();
        String name = null;
        for (ChunkDelta d : c.deltas) {
            if (d.toolCalls() != null) {
                JsonObject f = d.toolCalls().getJsonObject(0).getJsonObject("function");
                if (f.containsKey("name")) {
                    name = f.getString("name");
                }
                args.append(f.getString("arguments", ""));
            }
        }
        assertEquals("get_weather", name);
        try (var rd = Json.createReader(new StringReader(args.toString()))) {
            assertEquals("Riyadh", rd.readObject().getString("city"));
        }
    }

    @Test
    void clientErrorIsNotRetriableAndKeepsTheProvidersStatusAndMessage() {
        stubError(400, "Invalid value for messages", null, false);
        UpstreamException e = assertThrows(UpstreamException.class, () -> provider().chat(target(), request(false, null)));
        assertInstanceOf(NonRetriableUpstreamException.class, e);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("Invalid value for messages"), e.getMessage());
    }

    @Test
    void serverErrorIsRetriable() {
        stubError(500, "Internal error", null, false);
        UpstreamException e = assertThrows(UpstreamException.class, () -> provider().chat(target(), request(false, null)));
        assertTrue(e.retriable());
        assertEquals(500, e.status());
    }

    @Test
    void rateLimitWithALongWaitAbortsRetriesAndCarriesTheWait() {
        stubError(429, "Rate limit reached", 7, false);
        UpstreamException e = assertThrows(UpstreamException.class, () -> provider().chat(target(), request(false, null)));
        assertInstanceOf(RateLimitedUpstreamException.class, e);
        assertEquals(429, e.status());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void refusedStreamIsAnErrorBeforeTheFirstByte() {
        stubError(503, "Overloaded", null, true);
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> provider().openStream(target(), request(true, null)));
        assertTrue(e.retriable());
        assertEquals(503, e.status());
    }

    @Test
    void stalledStreamEndsWithATimeoutAfterItsFirstPieces() {
        stallAfter(streamHead(List.of("Partial", " answer")));
        Collector c = new Collector();
        ChatStream s = provider().openStream(stallingTarget(), request(true, null));
        long start = System.nanoTime();
        UpstreamException e = assertThrows(UpstreamException.class, () -> s.pump(c));
        assertEquals("upstream_timeout", e.code());
        assertTrue(c.text.toString().startsWith("Partial"), c.text.toString());
        assertNull(c.finishReason);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 6_000, "idle timeout, not the whole stall");
    }

    @Test
    void cutStreamIsAnErrorNotACompleteAnswer() {
        stubCutStream(List.of("Half", " of it"));
        Collector c = new Collector();
        ChatStream s = provider().openStream(target(), request(true, null));
        UpstreamException e = assertThrows(UpstreamException.class, () -> s.pump(c));
        assertTrue(e.retriable());
        assertNull(c.finishReason);
    }

    @Test
    void slowAnswerTimesOut() {
        stubSlowAnswer(Duration.ofSeconds(6));
        long start = System.nanoTime();
        UpstreamException e = assertThrows(UpstreamException.class, () -> provider().chat(target(), request(false, null)));
        assertEquals("upstream_timeout", e.code());
        assertTrue(e.retriable());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_500);
    }

    @Test
    void unreachableProviderIsRetriable() {
        ProviderTarget t = target("http://127.0.0.1:1");
        UpstreamException e = assertThrows(UpstreamException.class, () -> provider().chat(t, request(false, null)));
        assertTrue(e.retriable());
        assertEquals(502, e.status());
    }

    @Test
    void cancellingAStreamStopsReadingAtOnce() throws Exception {
        stallAfter(streamHead(List.of("Partial")));
        Collector c = new Collector();
        ChatStream s = provider().openStream(stallingTarget(), request(true, null));
        CompletableFuture<Void> pumping = CompletableFuture.runAsync(() -> {
            try {
                s.pump(c);
            } catch (UpstreamException ignored) {
                // A cancelled read may also end as a transport failure.
            }
        });
        c.cancelled = true;
        s.cancel();
        pumping.get(IDLE.toMillis() / 2 + 300, TimeUnit.MILLISECONDS);
        assertNull(c.finishReason);
    }
}
