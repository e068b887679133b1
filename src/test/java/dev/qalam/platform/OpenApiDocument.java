package dev.qalam.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The OpenAPI document as the tests read it: parsed and validated by swagger-parser, or as a plain tree. */
final class OpenApiDocument {

    static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApiDocument() {
    }

    static String committed() {
        try {
            return Files.readString(COMMITTED, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** swagger-parser's reading of the document, with every error and warning it reports. */
    record Parsed(OpenAPI api, List<String> messages) {
    }

    static Parsed parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        return new Parsed(result.getOpenAPI(), result.getMessages() == null ? List.of() : result.getMessages());
    }

    /**
     * The document as a tree without its {@code servers} block, which names whichever host and port answered:
     * two documents that say the same are equal trees, whatever their key order or quoting.
     */
    static JsonNode tree(String yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node instanceof ObjectNode o) {
                o.remove("servers");
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
