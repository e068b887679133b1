package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code openapi/openapi.yaml} (which OpenApiIT holds equal to what the server serves) is a
 * document a client generator can rely on: valid without a warning, every operation with its success schema and
 * its error answers in the error shape, numbers typed as numbers, streams typed as streams.
 */
class OpenApiDocumentTest {

    private static final String ERROR_REF = "#/components/schemas/ApiError";
    private static OpenAPI api;

    @BeforeAll
    static void parse() {
        OpenApiDocument.Parsed parsed = OpenApiDocument.parse(OpenApiDocument.committed());
        assertEquals(List.of(), parsed.messages(), "swagger-parser's errors and warnings");
        api = parsed.api();
    }

    private static void eachOperation(BiConsumer<String, Operation> check) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> check.accept(method + " " + path, op)));
    }

    @Test
    void everyOperationDocumentsItsSuccessAndItsSchema() {
        List<String> missing = new ArrayList<>();
        eachOperation((name, op) -> {
            Map.Entry<String, ApiResponse> success = op.getResponses().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("2")).findFirst().orElse(null);
            if (success == null) {
                missing.add(name + ": no 2xx answer");
            } else if (!success.getKey().equals("204") && !hasSchemas(success.getValue().getContent())) {
                missing.add(name + ": " + success.getKey() + " without a schema");
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void everyErrorAnswerHasTheErrorShape() {
        List<String> wrong = new ArrayList<>();
        eachOperation((name, op) -> op.getResponses().forEach((status, r) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                Content c = r.getContent();
                MediaType json = c == null ? null : c.get("application/json");
                if (json == null || json.getSchema() == null || !ERROR_REF.equals(json.getSchema().get$ref())) {
                    wrong.add(name + " " + status);
                }
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void securedOperationsDocumentAuthenticationAndScopeFailures() {
        List<String> missing = new ArrayList<>();
        eachOperation((name, op) -> {
            boolean secured = op.getSecurity() == null ? !api.getSecurity().isEmpty() : !op.getSecurity().isEmpty();
            for (String status : secured ? List.of("401", "403") : List.<String>of()) {
                if (!op.getResponses().containsKey(status)) {
                    missing.add(name + " " + status);
                }
            }
            if (op.getRequestBody() != null && !op.getResponses().containsKey("413")) {
                missing.add(name + " 413");
            }
        });
        assertEquals(List.of(), missing);
        Operation download = api.getPaths().get("/v1/files/{key}").getGet();
        assertEquals(List.of(), download.getSecurity(), "signed URLs need no key");
    }

    @Test
    void budgetsAndLimitsAreDocumentedWhereTheyApply() {
        Map<String, List<String>> expected = Map.of(
                "/v1/chat/completions", List.of("400", "402", "404", "429"),
                "/v1/embeddings", List.of("400", "402", "404", "429"),
                "/v1/ocr/upload", List.of("400", "402", "413"),
                "/v1/ocr/jobs/{token}/retry", List.of("404", "409", "429"));
        expected.forEach((path, statuses) -> {
            Set<String> documented = api.getPaths().get(path).getPost().getResponses().keySet();
            assertTrue(documented.containsAll(statuses), path + ": " + documented);
        });
    }

    @Test
    void numbersInPathsAndQueriesAreIntegers() {
        List<String> wrong = new ArrayList<>();
        eachOperation((name, op) -> {
            for (Parameter p : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
                if (Set.of("start", "limit", "page_num", "expires").contains(p.getName())
                        && !"integer".equals(p.getSchema().getType())) {
                    wrong.add(name + " " + p.getName() + ": " + p.getSchema().getType());
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void streamsAreEventStreams() {
        PathItem events = api.getPaths().get("/v1/ocr/jobs/{token}/events");
        Content content = events.getGet().getResponses().get("200").getContent();
        assertTrue(content.containsKey("text/event-stream"), String.valueOf(content));
        Content chat = api.getPaths().get("/v1/chat/completions").getPost().getResponses().get("200").getContent();
        assertTrue(chat.containsKey("text/event-stream") && chat.containsKey("application/json"), String.valueOf(chat));
    }

    @Test
    void everyArrayNamesItsItems() {
        List<String> bare = new ArrayList<>();
        Map<Schema<?>, Boolean> seen = new IdentityHashMap<>();
        api.getComponents().getSchemas().forEach((n, s) -> arrays("#/components/schemas/" + n, s, bare, seen));
        eachOperation((name, op) -> {
            if (op.getRequestBody() != null) {
                op.getRequestBody().getContent().forEach((type, m) -> arrays(name + " body", m.getSchema(), bare, seen));
            }
            op.getResponses().forEach((status, r) -> {
                if (r.getContent() != null) {
                    r.getContent().forEach((type, m) -> arrays(name + " " + status, m.getSchema(), bare, seen));
                }
            });
        });
        assertEquals(List.of(), bare);
    }

    private static void arrays(String where, Schema<?> s, List<String> bare, Map<Schema<?>, Boolean> seen) {
        if (s == null || seen.put(s, Boolean.TRUE) != null) {
            return;
        }
        if ("array".equals(s.getType()) || s instanceof ArraySchema) {
            if (s.getItems() == null) {
                bare.add(where);
            }
            arrays(where + "[]", s.getItems(), bare, seen);
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((n, p) -> arrays(where + "." + n, p, bare, seen));
        }
        for (List<Schema> alternatives : new List[] {s.getOneOf(), s.getAnyOf(), s.getAllOf()}) {
            if (alternatives != null) {
                alternatives.forEach(a -> arrays(where + "|", a, bare, seen));
            }
        }
    }

    private static boolean hasSchemas(Content content) {
        return content != null && !content.isEmpty() && content.values().stream().allMatch(m -> m.getSchema() != null);
    }
}
