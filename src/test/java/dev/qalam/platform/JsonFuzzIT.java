package dev.qalam.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies, paths and queries against every endpoint that reads JSON (and the OCR endpoints' numbers):
 * wrong types, huge, negative and fractional numbers, deep nesting, invalid UTF-8, lone surrogates, empty,
 * truncated and non-JSON bodies. Whatever arrives, the answer is never a 5xx, and every 4xx is the error shape.
 *
 * <p>The cases come from a seeded {@link Random}: the same seed gives the same cases, so a failure names its seed
 * and case and can be replayed with {@code -Dqalam.fuzz.seed=N}; {@code -Dqalam.fuzz.cases=N} runs more per
 * endpoint. The run is bounded by its case count and a deadline, a few seconds in the ordinary suite.
 */
class JsonFuzzIT {

    private static final long SEED = Long.getLong("qalam.fuzz.seed", 20261203L);
    private static final int CASES = Integer.getInteger("qalam.fuzz.cases", 40);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("qalam.fuzz.seconds", 60));
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static WireMockServer upstream;
    private static Api llm;
    private static Api ocr;
    private static String ocrToken;

    @BeforeAll
    static void setUp() {
        upstream = fakeUpstream();
        TestServer.awaitReady();
        llm = Keys.create("llm", "models").api();
        ocr = Keys.create("ocr").api();
        Api.Reply up = ocr.multipart("/v1/ocr/upload", "file", "fuzz.pdf", "application/pdf",
                TestDocuments.bornDigitalPdf(List.of(List.of("A page for the fuzz cases to read."))));
        assertEquals(200, up.status(), up.toString());
        ocrToken = up.json().get("token").asText();
    }

    @AfterAll
    static void tearDown() {
        if (upstream != null) {
            upstream.stop();
        }
    }

    /**
     * Fakes of the Gemini and OpenAI-compatible providers (their real wire formats) that answer whatever reaches
     * them, so that the cases for upstream models exercise Qalam's translation of the request, not a timeout.
     */
    static WireMockServer fakeUpstream() {
        String port = System.getenv("QALAM_FAKE_UPSTREAM_PORT");
        if (port == null) {
            throw new IllegalStateException("QALAM_FAKE_UPSTREAM_PORT is not set: run the suite with ./qalam test");
        }
        WireMockServer fake = new WireMockServer(options().port(Integer.parseInt(port)));
        fake.start();
        String gemini = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Fine.\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":8,"
                + "\"candidatesTokenCount\":1,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash-lite\"}";
        fake.stubFor(post(urlPathMatching("/gemini/v1beta/models/[^/]+:generateContent"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(gemini)));
        fake.stubFor(post(urlPathMatching("/gemini/v1beta/models/[^/]+:streamGenerateContent"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody("data: " + gemini + "\r\n\r\n")));
        String completion = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"Fine.\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":"
                + "\"stop\"}],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":1,\"total_tokens\":9}}";
        fake.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion)));
        fake.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"delta\":"
                                + "{\"content\":\"Fine.\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")));
        return fake;
    }

    /** A conversation with every kind of message and a tool, for the providers that translate it. */
    static final String UPSTREAM_CHAT = """
            {"model":"%s","messages":[{"role":"system","content":"Be brief."},
             {"role":"user","content":[{"type":"text","text":"What is 6 x 7?"}]},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
               "function":{"name":"multiply","arguments":"{\\"a\\":6,\\"b\\":7}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"42"}],
             "tools":[{"type":"function","function":{"name":"multiply","description":"a times b",
               "parameters":{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}}}}}],
             "tool_choice":{"type":"function","function":{"name":"multiply"}},"temperature":0.2,"max_tokens":32,
             "stop":"END","response_format":{"type":"json_object"},"stream":false}""";

    /** One JSON endpoint: who calls it, where, and a body it accepts, from which the cases are derived. */
    record Target(String name, Api api, String method, Function<Random, String> path, String template,
                  Integer accepted) {
        /** A target whose unchanged template is accepted with this status: the cases start from a valid call. */
        Target(String name, Api api, String method, String path, int accepted, String template) {
            this(name, api, method, r -> path, template, accepted);
        }

        Target(String name, Api api, String method, Function<Random, String> path, String template) {
            this(name, api, method, path, template, null);
        }
    }

    static List<Target> targets() {
        return List.of(
                new Target("chat", llm, "POST", "/v1/chat/completions", 200, """
                        {"model":"local/extractive","messages":[{"role":"system","content":"Answer briefly."},
                         {"role":"user","content":[{"type":"text","text":"What is Qalam?"}]}],
                         "max_tokens":16,"temperature":0.5,"top_p":1,"n":1,"stop":["\\n\\n"],"seed":7,"user":"fuzz",
                         "stream":false,"response_format":{"type":"text"},
                         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                         "tool_choice":"auto"}"""),
                new Target("chat gemini", llm, "POST", "/v1/chat/completions", 200,
                        UPSTREAM_CHAT.formatted("google/gemini-2.5-flash-lite")),
                new Target("chat openai-compatible", llm, "POST", "/v1/chat/completions", 200,
                        UPSTREAM_CHAT.formatted("llama-3.3-70b")),
                new Target("embeddings", llm, "POST", "/v1/embeddings", 200, """
                        {"model":"deep-sa/alEmbedding","input":["hello world","مرحبا"],"encoding_format":"float",
                         "dimensions":8}"""),
                new Target("admin keys", Api.admin(), "POST", "/v1/admin/keys", 201, """
                        {"name":"fuzz","scopes":["llm","ocr"],"ocr_page_balance":5,"request_limit":10}"""),
                new Target("admin teams", Api.admin(), "POST", "/v1/admin/teams", 201, """
                        {"name":"fuzz-team"}"""),
                new Target("own keys", llm, "POST", "/v1/keys", 201, """
                        {"name":"fuzz","scopes":["llm"]}"""),
                new Target("ocr retry", ocr, "POST", r -> "/v1/ocr/jobs/" + segment(r, ocrToken) + "/retry", "{}"),
                new Target("ocr page", ocr, "GET", r -> "/v1/ocr/jobs/" + segment(r, ocrToken) + "/"
                        + segment(r, "1"), null),
                new Target("ocr thumbnails", ocr, "GET", r -> "/v1/ocr/thumbnails/" + segment(r, ocrToken)
                        + "?start=" + query(r) + "&limit=" + query(r), null),
                new Target("ocr images", ocr, "GET", r -> "/v1/ocr/images/" + segment(r, ocrToken)
                        + "?start=" + query(r) + "&limit=" + query(r), null),
                new Target("revoke own key", llm, "DELETE", r -> "/v1/keys/" + segment(r, "k"), null),
                new Target("revoke key", Api.admin(), "DELETE", r -> "/v1/admin/keys/" + segment(r, "k"), null));
    }

    @Test
    void noInputMakesTheServerFail() {
        Random random = new Random(SEED);
        Instant deadline = Instant.now().plus(BUDGET);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Target t : targets()) {
            if (t.accepted() != null) {
                Api.Reply valid = t.api().raw(t.method(), t.path().apply(random), "application/json",
                        t.template().getBytes(StandardCharsets.UTF_8));
                assertEquals(t.accepted(), valid.status(), t.name() + ": the template itself: " + valid);
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            long started = System.nanoTime();
            int i = 0;
            for (; i < CASES && Instant.now().isBefore(deadline); i++) {
                String path = t.path().apply(random);
                Case c = t.template() == null ? new Case("no body", null, null) : body(random, t.template());
                Api.Reply reply = t.api().raw(t.method(), path, c.contentType(), c.body());
                sent++;
                statuses.merge(reply.status(), 1, Integer::sum);
                String problem = problem(reply);
                if (problem != null) {
                    failures.add(t.name() + " case " + i + " (" + c.kind() + ") " + t.method() + " "
                            + cut(path, 120) + " " + excerpt(c.body()) + " -> " + cut(problem, 400));
                }
            }
            System.out.printf("fuzz %s: %d cases in %d ms, statuses %s%n", t.name(), i,
                    (System.nanoTime() - started) / 1_000_000, statuses);
        }
        assertEquals("", String.join("\n", failures), failures.size() + " of " + sent + " cases failed, seed " + SEED);
        assertEquals(200, Api.anonymous().get("/health/ready").status(), "the server is still ready");
    }

    /** Null when the reply is acceptable: below 500, and a 4xx is the error shape. */
    static String problem(Api.Reply r) {
        if (r.status() >= 500) {
            return r.toString();
        }
        if (r.status() < 400) {
            return null;
        }
        String type = r.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "error Content-Type " + type + ": " + r;
        }
        JsonNode body;
        try {
            body = Api.JSON.readTree(r.bytes());
        } catch (Exception e) {
            return "error body not JSON: " + r;
        }
        JsonNode e = body.get("error");
        if (body.size() != 1 || e == null || !e.path("message").isTextual() || !e.path("type").isTextual()
                || !e.has("code") || r.body().contains("Exception") || r.body().contains("\tat ")) {
            return "not the error shape: " + r;
        }
        return null;
    }

    record Case(String kind, String contentType, byte[] body) {
    }

    static Case body(Random r, String template) {
        String json = template;
        int kind = r.nextInt(14);
        return switch (kind) {
            case 0 -> json(kind, "valid", json);
            case 1, 2, 3 -> json(kind, "wrong type", mutate(r, json, Mutation.REPLACE));
            case 4, 5 -> json(kind, "extreme number", mutate(r, json, Mutation.NUMBER));
            case 6 -> json(kind, "deep nesting", mutate(r, json, Mutation.NEST));
            case 7 -> json(kind, "field removed or added", mutate(r, json, r.nextBoolean() ? Mutation.REMOVE : Mutation.ADD));
            case 8 -> new Case("invalid UTF-8", "application/json", invalidUtf8(r, json));
            case 9 -> json(kind, "lone surrogate", mutate(r, json, Mutation.SURROGATE));
            case 10 -> {
                byte[] b = json.getBytes(StandardCharsets.UTF_8);
                int cut = r.nextInt(b.length);
                yield new Case("truncated at " + cut, "application/json", java.util.Arrays.copyOf(b, cut));
            }
            case 11 -> json(kind, "not an object",
                    List.of("", " ", "null", "[]", "1", "\"s\"", "true", "{", "}", "{}{}", "NaN", "{\"a\":Infinity}",
                            "\ufeff" + json, "{\"model\":1e99999}", "[" + json + "]").get(r.nextInt(15)));
            case 12 -> new Case("other content type", List.of("text/plain", "application/x-www-form-urlencoded",
                    "application/json; charset=ISO-8859-1", "application/octet-stream", "*/*").get(r.nextInt(5)),
                    json.getBytes(StandardCharsets.ISO_8859_1));
            default -> json(kind, "duplicate keys", json.replaceFirst("\\{", "{\"name\":[],\"model\":{},"));
        };
    }

    private static Case json(int kind, String what, String body) {
        return new Case(what, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    enum Mutation { REPLACE, NUMBER, NEST, REMOVE, ADD, SURROGATE }

    /** Literals that Jackson's tree cannot hold are put in as placeholders and substituted in the text. */
    static String mutate(Random r, String template, Mutation m) {
        JsonNode root;
        try {
            root = Api.JSON.readTree(template);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        String raw = switch (m) {
            case REPLACE -> randomValue(r);
            case NUMBER -> List.of("1e308", "-1e308", "1e400", "-1e400", "1e-400", "99999999999999999999999999999",
                    "-99999999999999999999999999999", "-1", "0", "-0", "2147483648", "-2147483649",
                    "9223372036854775808", "-9223372036854775809", "0.5", "-0.5", "1.0", "123456789.987654321e30")
                    .get(r.nextInt(18));
            case NEST -> {
                int depth = List.of(20, 200, 900, 2000, 10000).get(r.nextInt(5));
                yield r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            }
            case SURROGATE -> List.of("\"\\ud800\"", "\"a\\udfffb\"", "\"\\u0000\"", "\"\\uffff\\ufffe\"").get(r.nextInt(4));
            default -> null;
        };
        String placeholder = "__fuzz_" + Long.toHexString(r.nextLong()) + "__";
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (m == Mutation.ADD || names.isEmpty()) {
                o.put(m == Mutation.ADD ? "x" + r.nextInt(100) : "a", placeholder);
                if (raw == null) {
                    raw = randomValue(r);
                }
            } else {
                String name = names.get(r.nextInt(names.size()));
                if (m == Mutation.REMOVE) {
                    o.remove(name);
                } else {
                    o.put(name, placeholder);
                }
            }
        } else if (target instanceof ArrayNode a) {
            if (m == Mutation.REMOVE && !a.isEmpty()) {
                a.remove(r.nextInt(a.size()));
            } else if (a.isEmpty() || m == Mutation.ADD) {
                a.add(placeholder);
                if (raw == null) {
                    raw = randomValue(r);
                }
            } else {
                a.set(r.nextInt(a.size()), F.textNode(placeholder));
            }
        }
        String text = root.toString();
        return raw == null ? text : text.replace("\"" + placeholder + "\"", raw);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    static String randomValue(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "\"\"";
            case 3 -> "\"" + "x".repeat(r.nextBoolean() ? 10 : 100_000) + "\"";
            case 4 -> "[]";
            case 5 -> "{}";
            case 6 -> "[\"x\",3,null,{}]";
            case 7 -> "{\"role\":3,\"content\":{\"text\":[]},\"type\":false}";
            case 8 -> Integer.toString(r.nextInt());
            case 9 -> Double.toString(r.nextGaussian() * 1e10);
            case 10 -> "\"٣٤٥ عربي \\u202e\"";
            default -> "[[\"x\"],[1,[2,[3]]]]";
        };
    }

    private static byte[] invalidUtf8(Random r, String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf('"', r.nextInt(json.length())) + 1;
        if (at <= 0) {
            at = b.length / 2;
        }
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int prefix = new String(b, StandardCharsets.UTF_8).substring(0, Math.min(at, json.length()))
                .getBytes(StandardCharsets.UTF_8).length;
        out.write(b, 0, prefix);
        out.writeBytes(bad[r.nextInt(bad.length)]);
        out.write(b, prefix, b.length - prefix);
        return out.toByteArray();
    }

    /** A path segment: the usual value, or something no client should send, percent-encoded. */
    static String segment(Random r, String usual) {
        String s = switch (r.nextInt(8)) {
            case 0, 1, 2 -> usual;
            case 3 -> "-1";
            case 4 -> "99999999999999999999";
            case 5 -> "0";
            case 6 -> "ٍ😀 x";
            default -> "x".repeat(2000);
        };
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(Random r) {
        String s = List.of("", "0", "1", "-1", "50", "51", "2147483648", "-2147483649", "1e3", "0x10", "abc", " 5 ",
                "99999999999999999999", "1.5").get(r.nextInt(14));
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String excerpt(byte[] body) {
        return body == null ? "" : cut(new String(body, StandardCharsets.UTF_8), 300);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "...(" + s.length() + " chars)" : s;
    }
}
