package dev.qalam.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published Python examples of the alRetrieval API (kept verbatim in
 * {@code src/test/resources/examples/alretrieval-python.md}) run unchanged against Qalam with {@code python3}
 * and {@code requests}: only their placeholders (base URL, key, collection id, document id, question) are
 * replaced with real values. The report.pdf they upload is a born-digital English page and a scanned Arabic
 * page; an English and an Arabic question must each print the right page's text first.
 */
class ApiExamplesIT {

    private static final String EXAMPLES = "/examples/alretrieval-python.md";
    private static final String PLACEHOLDER_URL = "https://dev.alapi.deep.sa";
    private static final String PLACEHOLDER_KEY = "YOUR_API_KEY";
    private static final String PLACEHOLDER_COLLECTION = "9f3f8d5a0c9a4fe8b5d8a7bc0f13d2e1";
    private static final String PLACEHOLDER_DOC = "a1b2c3d4e5f6";
    private static final String PLACEHOLDER_QUESTION = "What are the key findings?";

    private static Map<String, String> examples;

    @TempDir
    Path work;

    @BeforeAll
    static void python() {
        Assumptions.assumeTrue(run(Path.of("."), "import requests", 30).exit == 0,
                "The API examples need python3 with the requests package, which this machine lacks");
        examples = examples();
    }

    @Test
    void thePublishedExamplesRunUnchanged() throws IOException {
        TestServer.awaitReady();
        Keys.TestKey key = Keys.create(null, 10L, null, "alretrieval");
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PLACEHOLDER_URL, TestServer.baseUrl());
        values.put(PLACEHOLDER_KEY, key.secret());

        String collection = group(example("Create Collection", values), "Collection: (\\S+)");
        values.put(PLACEHOLDER_COLLECTION, collection);
        assertTrue(example("List Collections", values).contains(collection));

        Files.write(work.resolve("report.pdf"), TestDocuments.mixedPdf());
        String ingested = example("Ingest Document", values);
        String doc = group(ingested, "doc_id=(\\S+) status=queued");
        values.put(PLACEHOLDER_DOC, doc);
        example("Document Status", values);

        // Page 1 is the English page, page 2 the scanned Arabic one.
        assertFirstSnippetFrom(values, "How many days do I have to pay an invoice?", "Invoices are payable", 1, key);
        assertFirstSnippetFrom(values, "ما هي المدينة المذكورة في الترحيب؟", "الرياض", 2, key);

        String listed = example("List Collection Documents", values);
        assertTrue(listed.contains(doc + " report.pdf ready"), listed);
    }

    private void assertFirstSnippetFrom(Map<String, String> values, String question, String pageText, int page,
            Keys.TestKey key) {
        Map<String, String> asking = new LinkedHashMap<>(values);
        asking.put(PLACEHOLDER_QUESTION, question);
        String printed = example("Query Document", asking);
        String first = printed.lines().findFirst().orElse("");
        assertTrue(first.matches("\\[score=\\d\\.\\d\\d] .*") && first.contains(pageText),
                "first context printed for \"" + question + "\": " + printed);
        JsonNode top = Api.as(key.secret()).post(Collections.BASE + "/" + values.get(PLACEHOLDER_COLLECTION) + "/query",
                Map.of("query", question)).json().get("context").get(0);
        assertEquals(page, top.get("page_start").asInt(), top.toString());
    }

    /** Runs the example of a section with the placeholders replaced; its standard output. */
    private String example(String section, Map<String, String> values) {
        String code = examples.get(section);
        for (Map.Entry<String, String> v : values.entrySet()) {
            code = code.replace(v.getKey(), v.getValue());
        }
        Result r = run(work, code, 240);
        assertEquals(0, r.exit, section + " example failed:\n" + r.output);
        return r.output;
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "expected " + regex + " in: " + text);
        return m.group(1);
    }

    /** The examples by their section heading. */
    private static Map<String, String> examples() {
        try (InputStream in = ApiExamplesIT.class.getResourceAsStream(EXAMPLES)) {
            String md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> out = new LinkedHashMap<>();
            Matcher m = Pattern.compile("(?m)^## ([^\\n]+)\\n\\n```python\\n(.*?)^```", Pattern.DOTALL).matcher(md);
            while (m.find()) {
                out.put(m.group(1).strip(), m.group(2));
            }
            assertEquals(List.of("Create Collection", "List Collections", "Ingest Document", "Document Status",
                    "Query Document", "List Collection Documents"), List.copyOf(out.keySet()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, String code, int seconds) {
        try {
            Path out = Files.createTempFile("example-", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder("python3", "-c", code).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().put("PYTHONIOENCODING", "utf-8");
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return new Result(-1, "timed out after " + seconds + " s: " + Files.readString(out));
                }
                return new Result(p.exitValue(), Files.readString(out));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
