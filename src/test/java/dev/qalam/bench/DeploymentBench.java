package dev.qalam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end latency and throughput of a Deployment API chat (retrieval over the deployment's collection, then
 * {@code local/extractive}) against a running server, for knowledge bases of the given sizes in chunks. Each
 * chunk is one pre-extracted page of a generated document (short passages about numbered places, so that every
 * question has a few matching chunks among many). Run by {@code bench/deployment/run.sh}.
 *
 * <p>Arguments: base URL, operator key, then sizes (default 1000 100000).
 */
public final class DeploymentBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final String[] TOPICS = {"permit", "museum", "library", "harbour", "market", "garden", "school",
        "bridge", "station", "theatre"};
    private static final int PAGES_PER_DOCUMENT = 500;

    private DeploymentBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        List<Integer> sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).map(Integer::valueOf).toList()
                : List.of(1000, 100_000);
        System.out.printf("%d cores%n%n%-10s %-14s %10s %10s %12s %16s%n", Runtime.getRuntime().availableProcessors(),
                "chunks", "connections", "p50 ms", "p99 ms", "per second", "server cpu ms/req");
        for (int size : sizes) {
            run(base, admin, size);
        }
    }

    static void run(String base, String admin, int chunks) throws Exception {
        String team = post(base, admin, "/v1/admin/teams", Map.of("name", "bench-" + chunks)).get("id").asText();
        String key = post(base, admin, "/v1/admin/keys", Map.of("name", "bench", "scopes",
                List.of("alretrieval", "deployment"), "team_id", team)).get("key").asText();
        String collection = post(base, key, "/v1/alRetrieval/collections", Map.of()).get("collection_id").asText();
        long start = System.nanoTime();
        List<String> docs = new ArrayList<>();
        Random random = new Random(chunks);
        for (int from = 0; from < chunks; from += PAGES_PER_DOCUMENT) {
            List<String> pages = new ArrayList<>();
            for (int i = from; i < Math.min(chunks, from + PAGES_PER_DOCUMENT); i++) {
                String topic = TOPICS[random.nextInt(TOPICS.length)];
                pages.add("Place " + i + " has a " + topic + " that opens at " + (6 + random.nextInt(6))
                        + " in the morning and closes at " + (6 + random.nextInt(6)) + " in the evening.");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", "Places from " + from);
            body.put("filename", "places-" + from + ".json");
            body.put("pages", pages);
            body.put("metadata", Map.of("batch", from / PAGES_PER_DOCUMENT));
            docs.add(post(base, key, "/v1/alRetrieval/collections/" + collection + "/documents/ingest", body)
                    .get("id").asText());
        }
        for (String doc : docs) {
            while (true) {
                String status = get(base, key, "/v1/alRetrieval/collections/" + collection + "/documents/" + doc
                        + "/status").get("status").asText();
                if ("ready".equals(status)) {
                    break;
                }
                if (!"processing".equals(status)) {
                    throw new IllegalStateException("document " + doc + ": " + status);
                }
                Thread.sleep(500);
            }
        }
        System.out.printf("(%d chunks ingested in %.0f s)%n", chunks, (System.nanoTime() - start) / 1e9);
        String deployment = post(base, admin, "/v1/admin/teams/" + team + "/deployments", Map.of("name", "bench",
                "model", "local/extractive", "top_k", 5, "collection_ids", List.of(collection))).get("id").asText();
        String path = "/api/deployment/" + team + "/" + deployment + "/chat/completions";
        for (int connections : new int[]{1, 16}) {
            measure(base, key, path, chunks, connections, 10);
            measure(base, key, path, chunks, connections, connections == 1 ? 200 : 800);
        }
    }

    /** {@code requests} chats over {@code connections} connections; the first call per size warms up. */
    static void measure(String base, String key, String path, int chunks, int connections, int requests)
            throws Exception {
        long[] latencies = new long[requests];
        long cpuBefore = serverCpuMillis();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (long i; (i = next.getAndIncrement()) < requests; ) {
                    String topic = TOPICS[(int) (i % TOPICS.length)];
                    Map<String, Object> body = Map.of("messages", List.of(Map.of("role", "user", "content",
                            "When does the " + topic + " of place " + (i * 7919 % chunks) + " open?")));
                    long t = System.nanoTime();
                    HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .header("X-Forwarded-For", "198.51.100." + (1 + client))
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
                    HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException(resp.statusCode() + " " + resp.body());
                    }
                    latencies[(int) i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = serverCpuMillis() - cpuBefore;
        pool.shutdown();
        if (requests <= 10) {
            return;
        }
        Arrays.sort(latencies);
        System.out.printf("%-10d %-14d %10.1f %10.1f %12.0f %16s%n", chunks, connections,
                latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6, requests / seconds,
                cpuBefore < 0 ? "-" : String.format("%.1f", (double) cpu / requests));
    }

    /**
     * The server process's CPU time so far (user + system), from /proc, when {@code bench.serverPid} names it; -1
     * otherwise. CPU per request is what a request costs whatever else the machine runs, unlike wall-clock time.
     */
    static long serverCpuMillis() {
        String pid = System.getProperty("bench.serverPid", "");
        if (pid.isBlank()) {
            return -1;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.strip(), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }

    static JsonNode post(String base, String key, String path, Object body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static JsonNode get(String base, String key, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
