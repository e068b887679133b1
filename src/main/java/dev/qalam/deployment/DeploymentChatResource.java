package dev.qalam.deployment;

import dev.qalam.deployment.api.DeploymentChunk;
import dev.qalam.deployment.api.DeploymentCompletion;
import dev.qalam.llm.SsePump;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/deployment/{teamId}/{deploymentId}/chat/completions}: the Deployment API (docs/deployment.md).
 * As on {@code /v1/chat/completions}, a streamed answer is opened on the request thread, so that every refusal
 * is an ordinary HTTP error with the rate limit headers, then pumped to the client by the managed executor.
 */
@Path("/api/deployment/{teamId}/{deploymentId}/chat/completions")
@RequiresScope(Scope.DEPLOYMENT)
@ApplicationScoped
@Tag(name = "Deployment API", description = "RAG chat completions of a team's deployed LLM applications")
public class DeploymentChatResource {

    @Inject
    DeploymentChatService chat;

    @Inject
    Caller caller;

    @Resource
    ManagedExecutorService executor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a deployed LLM application with a chat completion",
            description = "An OpenAI-compatible chat completion answered by the deployment's model, grounded in "
                    + "the passages of its knowledge base that match the conversation (returned as `contexts`). "
                    + "With `\"stream\": true` the answer is a stream of server-sent events: chunks (the first "
                    + "carrying `contexts`), a usage chunk when `include_usage` is set, then `data: [DONE]`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = {"messages"}, properties = {
                @SchemaProperty(name = "messages", type = SchemaType.ARRAY, implementation = Object.class, minItems = 1,
                        description = "The conversation: roles "
                        + "system, user, assistant, tool; content a string or parts `text`, `image`/`image_url` "
                        + "(vision models only), `url` (a web page or document, or a base64 `data:` URL, with "
                        + "`options.select_pages` and `options.include_page_screenshot_as_image`)"),
                @SchemaProperty(name = "stream", type = SchemaType.BOOLEAN, description = "Server-sent events"),
                @SchemaProperty(name = "include_usage", type = SchemaType.BOOLEAN,
                        description = "Usage in the last streamed chunk"),
                @SchemaProperty(name = "rewrite_query", type = SchemaType.STRING,
                        description = "The retrieval query, instead of one condensed from the conversation"),
                @SchemaProperty(name = "filter_metadata", description = "A filter on the documents' properties "
                        + "(Elasticsearch query DSL: bool, term, terms, range, exists), as an object or a JSON string"),
                @SchemaProperty(name = "temperature", type = SchemaType.NUMBER,
                        description = "Overrides the deployment's temperature")})))
    @APIResponse(responseCode = "200", description = "The completion, or with stream: true a stream of chunks",
            headers = {@Header(name = "X-RateLimit-Limit", schema = @Schema(type = SchemaType.INTEGER)),
                @Header(name = "X-RateLimit-Remaining", schema = @Schema(type = SchemaType.INTEGER)),
                @Header(name = "X-RateLimit-Reset", schema = @Schema(type = SchemaType.INTEGER))},
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeploymentCompletion.class)),
                @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = DeploymentChunk.class))})
    @APIResponse(responseCode = "400", description = "Malformed body, empty messages, invalid filter, bad URL or "
            + "page selection, images for a model without vision",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid API key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A key of another team, or without the deployment scope",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such deployment in the team",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "A rate limit was reached (see Retry-After)",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "500", description = "Server error",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DeploymentCompletion complete(@PathParam("teamId") String teamId,
                                         @PathParam("deploymentId") String deploymentId,
                                         @Parameter(description = "Source identifier") @QueryParam("source") String source,
                                         @Parameter(description = "Specific source ID") @QueryParam("sourceId") String sourceId,
                                         @Context HttpServletRequest http, String body) {
        return chat.complete(chat.prepare(caller.principal(), http, teamId, deploymentId, body, origin(source, sourceId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public void stream(@PathParam("teamId") String teamId, @PathParam("deploymentId") String deploymentId,
                       @QueryParam("source") String source, @QueryParam("sourceId") String sourceId,
                       @Context HttpServletRequest http, String body, @Context SseEventSink sink, @Context Sse sse) {
        DeploymentChatService.Prepared p = chat.prepare(caller.principal(), http, teamId, deploymentId, body,
                origin(source, sourceId));
        DeploymentChatService.StreamPlan plan = chat.openStream(p);
        new SsePump(plan.id(), plan.stream(), p.request().includeUsage(), plan, sink, sse).start(executor);
    }

    private static DeploymentChatService.Origin origin(String source, String sourceId) {
        return new DeploymentChatService.Origin(trim(source), trim(sourceId));
    }

    private static String trim(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
