package dev.qalam.llm;

import dev.qalam.llm.api.EmbeddingList;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import dev.qalam.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/embeddings}, OpenAI-compatible. */
@Path("/v1/embeddings")
@RequiresScope(Scope.LLM)
@ApplicationScoped
@Tag(name = "LLM")
public class EmbeddingsResource {

    static final int MAX_INPUTS = 2048;

    @Inject
    EmbeddingsService embeddings;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create embeddings", description = "Creates an embedding vector representing the input text.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = {"model", "input"}, properties = {
                @SchemaProperty(name = "model", type = SchemaType.STRING,
                        description = "ID of the embedding model to use, e.g. deep-sa/alEmbedding"),
                @SchemaProperty(name = "input", ref = "EmbeddingInput"),
                @SchemaProperty(name = "encoding_format", type = SchemaType.STRING, enumeration = {"float", "base64"},
                        description = "float (default) or base64 (little-endian float32)"),
                @SchemaProperty(name = "dimensions", type = SchemaType.INTEGER,
                        description = "Number of dimensions (at most the model's; the vector is shortened and renormalised)")})))
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EmbeddingList.class)))
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid API key", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "402", description = "Request limit exceeded", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown model", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "The model's provider is rate limiting: retry after Retry-After", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "The model's provider failed", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The model's provider is not configured or unavailable", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public EmbeddingList createEmbedding(String body) {
        return embeddings.embed(caller.principal(), parse(ChatRequestParser.readObject(body)));
    }

    static EmbeddingsService.EmbeddingRequest parse(JsonObject body) {
        if (body == null) {
            throw ChatRequestParser.invalid("The request body must be a JSON object.", null);
        }
        String model = ChatRequestParser.requiredString(body, "model");
        JsonValue in = body.get("input");
        List<String> inputs = new ArrayList<>();
        if (in == null || in == JsonValue.NULL) {
            throw ChatRequestParser.missing("input");
        } else if (in instanceof JsonString s) {
            inputs.add(s.getString());
        } else if (in instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (!(v instanceof JsonString s)) {
                    throw ChatRequestParser.invalidType("input", "a string or an array of strings");
                }
                inputs.add(s.getString());
            }
        } else {
            throw ChatRequestParser.invalidType("input", "a string or an array of strings");
        }
        if (inputs.isEmpty() || inputs.size() > MAX_INPUTS) {
            throw ChatRequestParser.invalid("'input' must hold between 1 and " + MAX_INPUTS + " strings.", "input");
        }
        for (String s : inputs) {
            if (s.isEmpty()) {
                throw ChatRequestParser.invalid("'input' cannot contain an empty string.", "input");
            }
        }
        String format = ChatRequestParser.optionalString(body, "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw ChatRequestParser.invalid("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        }
        Integer dims = null;
        JsonValue d = body.get("dimensions");
        if (d != null && d != JsonValue.NULL) {
            if (!(d instanceof JsonNumber n) || !n.isIntegral()) {
                throw ChatRequestParser.invalidType("dimensions", "an integer");
            }
            if (n.longValue() < 1 || n.longValue() > 1 << 16) {
                throw new ApiException(400, ApiException.INVALID_REQUEST, "invalid_value",
                        "'dimensions' must be at least 1.");
            }
            dims = n.intValue();
        }
        return new EmbeddingsService.EmbeddingRequest(model, inputs, "base64".equals(format), dims);
    }
}
