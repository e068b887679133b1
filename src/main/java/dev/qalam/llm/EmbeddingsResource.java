package dev.qalam.llm;

import dev.qalam.llm.api.EmbeddingList;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
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
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/embeddings}, OpenAI-compatible. */
@Path("/v1/embeddings")
@RequiresScope(Scope.LLM)
@ApplicationScoped
public class EmbeddingsResource {

    static final int MAX_INPUTS = 2048;

    @Inject
    EmbeddingsService embeddings;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
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
