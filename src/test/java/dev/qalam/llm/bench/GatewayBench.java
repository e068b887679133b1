package dev.qalam.llm.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The LLM gateway's overhead, against a local fake upstream (OpenAI format): latency added per request
 * (p50/p99, gateway minus direct) and throughput of the gateway against calling the fake directly, for
 * whole answers and for streams (time to the first event). Not a test: {@code bench/llm/run} starts the
 * server pointed at this program's fake and prints the figures.
 *
 * <p>Arguments: gateway base URL, fake port, then one or more {@code label=key} credentials to call the
 * gateway with (an ordinary API key pays the platform's per-request key lookup and budget update; the
 * operator key skips the budget, which isolates the gateway's own cost).
 */
public final class GatewayBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final String BODY = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"bench\"}],\"stream\":%s}";

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            // WireMock's and the HTTP client's threads would keep a failed run alive.
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(String[] args) throws Exception {
        String gateway = args[0];
        int port = Integer.parseInt(args[1]);
        List<String[]> keys = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            keys.add(args[i].split("=", 2));
        }
        int n = Integer.parseInt(System.getProperty("bench.requests", "2000"));
        int threads = Integer.parseInt(System.getProperty("bench.threads", "8"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "10"));

        WireMockServer fake = new WireMockServer(options().port(port).containerThreads(64).asynchronousResponseEnabled(false));
        fake.start();
        fake.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).withRequestBody(containing("\"stream\":false"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id":"chatcmpl-1","object":"chat.completion","created":1741569952,"model":"llama-3.3-70b-versatile",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"The capital of Saudi Arabia is Riyadh."},
                         "logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}
                        """)));
        StringBuilder sse = new StringBuilder();
        for (String piece : List.of("The", " capital", " of", " Saudi", " Arabia", " is", " Riyadh", ".")) {
            sse.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                    + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(piece).append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}\n\n"
                + "data: [DONE]\n\n");
        fake.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse.toString())));
        try {
            Target direct = new Target("direct", "http://localhost:" + port + "/openai/v1/chat/completions", "test", "llama-3.3-70b-versatile");
            System.out.printf("LLM gateway benchmark: %d sequential requests per series, %d threads x %d s for throughput%n",
                    n, threads, seconds);
            for (boolean stream : new boolean[]{false, true}) {
                System.out.printf("%n%s%n", stream ? "stream (time to first event)" : "non-stream (whole answer)");
                series(direct, stream, n / 4);
                long[] d = series(direct, stream, n);
                double dt = throughput(direct, stream, threads, seconds);
                System.out.printf("  direct            : p50 %.3f ms  p99 %.3f ms  throughput %.0f req/s%n",
                        pct(d, 50), pct(d, 99), dt);
                for (String[] k : keys) {
                    Target g = new Target(k[0], gateway + "/v1/chat/completions", k[1], "llama-3.3-70b");
                    series(g, stream, n / 4);
                    long[] gs = series(g, stream, n);
                    double gt = throughput(g, stream, threads, seconds);
                    System.out.printf("  gateway (%-8s): p50 %.3f ms  p99 %.3f ms  throughput %.0f req/s (%.0f%% of direct)"
                                    + "  added p50 %.3f ms  p99 %.3f ms%n", k[0], pct(gs, 50), pct(gs, 99), gt, 100 * gt / dt,
                            pct(gs, 50) - pct(d, 50), pct(gs, 99) - pct(d, 99));
                }
            }
        } finally {
            fake.stop();
        }
    }

    record Target(String name, String url, String key, String model) {
        HttpRequest request(boolean stream) {
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(model, stream))).build();
        }
    }

    /**
     * One request; returns nanoseconds to the whole answer, or to the first event of a stream. The JDK
     * client sometimes sends a request on a pooled connection the fake has just closed; such a request
     * never reached anyone and is sent again, for both targets alike.
     */
    static long once(Target t, boolean stream) throws Exception {
        try {
            return attempt(t, stream);
        } catch (java.io.IOException e) {
            return attempt(t, stream);
        }
    }

    static long attempt(Target t, boolean stream) throws Exception {
        long start = System.nanoTime();
        if (!stream) {
            HttpResponse<byte[]> r = HTTP.send(t.request(false), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(t.name() + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return System.nanoTime() - start;
        }
        HttpResponse<InputStream> r = HTTP.send(t.request(true), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(t.name() + " answered " + r.statusCode());
        }
        long first = 0;
        boolean done = false;
        String last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                last = line.isEmpty() ? last : line;
                if (line.startsWith("data:") && first == 0) {
                    first = System.nanoTime() - start;
                }
                if (line.equals("data: [DONE]")) {
                    done = true;
                }
            }
        }
        if (!done) {
            throw new IllegalStateException(t.name() + " stream ended without [DONE]; last line: " + last);
        }
        return first;
    }

    static long[] series(Target t, boolean stream, int n) throws Exception {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = once(t, stream);
        }
        Arrays.sort(out);
        return out;
    }

    static double pct(long[] sorted, int p) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static double throughput(Target t, boolean stream, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Future<?>> fs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                while (!stop.get()) {
                    once(t, stream);
                    done.increment();
                }
                return null;
            }));
        }
        try {
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Future<?> f : fs) {
                f.get();
            }
            return done.sum() / ((System.nanoTime() - start) / 1e9);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
