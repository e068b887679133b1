package dev.qalam.llm;

import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI clients choose streaming with {@code "stream": true} in the body, JAX-RS chooses a resource
 * method by media type: this filter reads the flag and sets {@code Accept} accordingly, so that
 * {@link ChatCompletionsResource} has one method per answer type (JSON, and the SSE method that receives
 * the {@code SseEventSink}). The body is handed on unchanged.
 */
@Provider
@PreMatching
public class StreamNegotiation implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        if (!HttpMethod.POST.equals(ctx.getMethod()) || !ctx.getUriInfo().getPath().endsWith("chat/completions")
                || !ctx.hasEntity()) {
            return;
        }
        byte[] body = ctx.getEntityStream().readAllBytes();
        ctx.setEntityStream(new ByteArrayInputStream(body));
        boolean stream = false;
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            JsonValue v = r.readValue();
            stream = v instanceof JsonObject o && o.get("stream") == JsonValue.TRUE;
        } catch (RuntimeException notJson) {
            // The JSON method answers with the invalid_json error.
        }
        ctx.getHeaders().putSingle(HttpHeaders.ACCEPT, stream ? MediaType.SERVER_SENT_EVENTS : MediaType.APPLICATION_JSON);
    }
}
