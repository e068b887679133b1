package dev.qalam.llm;

import dev.qalam.llm.api.ChatCompletion;
import dev.qalam.llm.api.ChatCompletionChunk;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible. A streamed answer is opened on the request thread
 * (so that validation, budget and upstream refusals are ordinary HTTP errors) and then pumped to the
 * client by the managed executor.
 */
@Path("/v1/chat/completions")
@RequiresScope(Scope.LLM)
@ApplicationScoped
@Tag(name = "LLM", description = "OpenAI-compatible chat completions, embeddings and models")
public class ChatCompletionsResource {

    @Inject
    ChatService chat;

    @Inject
    Caller caller;

    @Resource
    ManagedExecutorService executor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a chat completion",
            description = "Creates a model response for the given chat conversation. With `\"stream\": true` the "
                    + "answer is a stream of server-sent events: `data: {chat.completion.chunk}` events, a usage "
                    + "chunk when `stream_options.include_usage` is set, then `data: [DONE]`; a failure after the "
                    + "stream started ends it with `data: {\"error\":{...}}`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = {"model", "messages"}, properties = {
                @SchemaProperty(name = "model", type = SchemaType.STRING, description = "ID of the model to use"),
                @SchemaProperty(name = "messages", type = SchemaType.ARRAY, implementation = Object.class, minItems = 1,
                        description = "Message objects with role (system, user, assistant, tool) and content "
                                + "(a string or an array of content parts)"),
                @SchemaProperty(name = "temperature", type = SchemaType.NUMBER, minimum = "0", maximum = "2",
                        description = "Sampling temperature (0-2). Default: 1"),
                @SchemaProperty(name = "top_p", type = SchemaType.NUMBER, description = "Nucleus sampling. Default: 1"),
                @SchemaProperty(name = "max_tokens", type = SchemaType.INTEGER, description = "Maximum tokens to generate"),
                @SchemaProperty(name = "stream", type = SchemaType.BOOLEAN, description = "If true, returns a stream of events"),
                @SchemaProperty(name = "stream_options", type = SchemaType.OBJECT,
                        description = "`{\"include_usage\": true}` adds a usage chunk before `[DONE]`"),
                @SchemaProperty(name = "stop", description = "Up to 4 sequences where generation stops"),
                @SchemaProperty(name = "tools", type = SchemaType.ARRAY, implementation = Object.class, description = "Functions the model may call"),
                @SchemaProperty(name = "tool_choice", description = "none, auto, required, or a named function"),
                @SchemaProperty(name = "response_format", type = SchemaType.OBJECT,
                        description = "`{\"type\":\"json_object\"}` or a JSON schema"),
                @SchemaProperty(name = "n", type = SchemaType.INTEGER, minimum = "1", maximum = "8",
                        description = "How many choices to generate (at most 8)"),
                @SchemaProperty(name = "seed", type = SchemaType.INTEGER),
                @SchemaProperty(name = "user", type = SchemaType.STRING)})))
    @APIResponse(responseCode = "200", description = "The completion, or with stream: true a stream of chunks",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatCompletion.class)),
                @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = ChatCompletionChunk.class))})
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid API key", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "402", description = "Request limit exceeded", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown model", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "The model's provider is rate limiting: retry after Retry-After", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "The model's provider failed", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The model's provider is not configured or unavailable",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ChatCompletion createChatCompletion(String body) {
        ChatRequest request = ChatRequestParser.parse(ChatRequestParser.readObject(body));
        return chat.complete(caller.principal(), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public void streamChatCompletion(String body, @Context SseEventSink sink, @Context Sse sse) {
        ChatRequest request = ChatRequestParser.parse(ChatRequestParser.readObject(body));
        QalamPrincipal principal = caller.principal();
        ChatService.OpenedStream opened = chat.openStream(principal, request);
        new SsePump(request, opened, sink, sse).start(executor);
    }
}
