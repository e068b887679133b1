package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away in the middle of a stream cancels the upstream call: a fake OpenAI-compatible
 * provider (deepcloud's base URL in the test run) streams chunks for as long as someone reads them and
 * notes when its connection is closed under it.
 */
class StreamCancellationIT {

    static HttpServer upstream;
    static final CountDownLatch UPSTREAM_CLOSED = new CountDownLatch(1);
    static final AtomicInteger CHUNKS_WRITTEN = new AtomicInteger();

    @BeforeAll
    static void setUp() throws IOException {
        int port = Integer.parseInt(System.getenv("QALAM_FAKE_UPSTREAM_PORT")) + 1;
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                // A long answer, one chunk every 100 ms, for at most 20 s.
                for (int i = 0; i < 200; i++) {
                    out.write(("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                            + "\"model\":\"deep-sa/alLLM\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word" + i
                            + " \"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    CHUNKS_WRITTEN.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            } catch (IOException closedUnderUs) {
                UPSTREAM_CLOSED.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        upstream.start();
        TestServer.awaitReady();
    }

    @AfterAll
    static void tearDown() {
        upstream.stop(0);
    }

    @Test
    void clientDisconnectCancelsTheUpstreamCall() throws Exception {
        String key = Keys.create("llm").secret();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(TestServer.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"deep-sa/alLLM\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a long essay\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        InputStream body = r.body();
        BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        int events = 0;
        String line;
        while (events < 3 && (line = in.readLine()) != null) {
            if (line.startsWith("data: {")) {
                assertTrue(line.contains("\"model\":\"deep-sa/alLLM\""), line);
                events++;
            }
        }
        assertEquals(3, events);
        body.close();
        int writtenAtClose = CHUNKS_WRITTEN.get();
        assertTrue(UPSTREAM_CLOSED.await(10, TimeUnit.SECONDS),
                "the upstream kept streaming after the client left: " + CHUNKS_WRITTEN.get() + " chunks");
        assertTrue(CHUNKS_WRITTEN.get() - writtenAtClose < 100, "cancelled promptly: " + CHUNKS_WRITTEN.get());
    }
}
