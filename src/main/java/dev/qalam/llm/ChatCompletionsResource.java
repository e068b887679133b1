package dev.qalam.llm;

import dev.qalam.llm.api.ChatCompletion;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
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

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible. A streamed answer is opened on the request thread
 * (so that validation, budget and upstream refusals are ordinary HTTP errors) and then pumped to the
 * client by the managed executor.
 */
@Path("/v1/chat/completions")
@RequiresScope(Scope.LLM)
@ApplicationScoped
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
    public ChatCompletion createChatCompletion(String body) {
        ChatRequest request = ChatRequestParser.parse(ChatRequestParser.readObject(body));
        return chat.complete(caller.principal(), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void streamChatCompletion(String body, @Context SseEventSink sink, @Context Sse sse) {
        ChatRequest request = ChatRequestParser.parse(ChatRequestParser.readObject(body));
        QalamPrincipal principal = caller.principal();
        ChatService.OpenedStream opened = chat.openStream(principal, request);
        SsePump pump = new SsePump(chat, principal, request, opened, sink, sse);
        try {
            executor.execute(pump);
        } catch (RuntimeException rejected) {
            opened.stream().cancel();
            throw rejected;
        }
    }
}
