package dev.qalam.llm;

import dev.qalam.llm.api.ChatCompletionChunk;
import dev.qalam.llm.api.CompletionUsage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.Usage;
import dev.qalam.platform.errors.ApiError;
import dev.qalam.platform.json.JsonbProvider;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies an open upstream stream to the client as {@code chat.completion.chunk} events, each sent as
 * soon as the upstream produced it; then the usage chunk (when asked for) and {@code [DONE]}. A failure
 * after the stream started ends it with an error event in the OpenAI error shape and no {@code [DONE]},
 * so a client never takes a truncated answer for a complete one. A client that went away cancels the
 * upstream call.
 *
 * <p>What each event says is up to {@link Events}: {@link #openAi} writes OpenAI's {@code chat.completion.chunk};
 * the Deployment API adds its retrieved contexts to the first chunk through its own.
 */
public final class SsePump implements Runnable, ChatStreamSink {

    /** The data of the events of one stream. */
    public interface Events {

        /** The event for one increment of the answer. */
        String delta(ChunkDelta delta);

        /** The last event before {@code [DONE]}, when the client asked for usage. */
        String usage(Usage usage);
    }

    /** OpenAI's chunks for a stream opened by {@link ChatService}. */
    static Events openAi(ChatService.OpenedStream opened) {
        return new Events() {
            @Override
            public String delta(ChunkDelta d) {
                return JsonbProvider.jsonb().toJson(new ChatCompletionChunk(opened.id(), ChatCompletionChunk.OBJECT,
                        opened.created(), opened.model(), List.of(new ChatCompletionChunk.Choice(d.index(),
                        new ChatCompletionChunk.Delta(d.role(), d.content(), d.toolCalls()), null, d.finishReason())),
                        null));
            }

            @Override
            public String usage(Usage u) {
                return JsonbProvider.jsonb().toJson(new ChatCompletionChunk(opened.id(), ChatCompletionChunk.OBJECT,
                        opened.created(), opened.model(), List.of(), CompletionUsage.of(u)));
            }
        };
    }

    private static final Logger LOG = Logger.getLogger(SsePump.class.getName());

    private final String id;
    private final ChatStream stream;
    private final boolean includeUsage;
    private final Events events;
    private final SseEventSink sink;
    private final Sse sse;
    private volatile boolean gone;
    private CompletionStage<?> lastSend = CompletableFuture.completedFuture(null);
    private Usage usage = Usage.NONE;

    SsePump(ChatRequest request, ChatService.OpenedStream opened, SseEventSink sink, Sse sse) {
        this(opened.id(), opened.stream(), request.includeUsage(), openAi(opened), sink, sse);
    }

    /**
     * @param id           the answer's id, for the log
     * @param stream       the open upstream stream
     * @param includeUsage whether to send {@link Events#usage} before {@code [DONE]}
     */
    public SsePump(String id, ChatStream stream, boolean includeUsage, Events events, SseEventSink sink, Sse sse) {
        this.id = id;
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.events = events;
        this.sink = sink;
        this.sse = sse;
    }

    /**
     * Runs the pump on {@code executor}; if the executor refuses it, closes the upstream stream (nothing else
     * would) and rethrows, so the request still gets an error answer.
     */
    public void start(Executor executor) {
        try {
            executor.execute(this);
        } catch (RuntimeException rejected) {
            stream.cancel();
            throw rejected;
        }
    }

    @Override
    public void run() {
        try {
            stream.pump(this);
            if (gone) {
                return;
            }
            if (includeUsage) {
                send(events.usage(usage));
            }
            send("[DONE]");
        } catch (UpstreamException e) {
            fail(LlmErrors.upstream(e).body());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chat stream " + id + " failed", e);
            fail(ApiError.of("The stream failed on the server.", "server_error", "internal_error"));
        } finally {
            stream.cancel();
            try {
                // Events are written asynchronously: closing before the last one went out would drop it.
                lastSend.toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                gone = true;
            }
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // Already closed by a client that went away.
            }
        }
    }

    private void fail(ApiError error) {
        if (!gone) {
            send(JsonbProvider.jsonb().toJson(error));
        }
    }

    @Override
    public void delta(ChunkDelta d) {
        send(events.delta(d));
    }

    @Override
    public void usage(Usage u) {
        usage = u;
    }

    @Override
    public boolean cancelled() {
        return gone || sink.isClosed();
    }

    private void send(String data) {
        if (gone || sink.isClosed()) {
            gone = true;
            return;
        }
        try {
            lastSend = sink.send(sse.newEventBuilder().data(data).build()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    gone = true;
                    stream.cancel();
                }
            });
        } catch (RuntimeException e) {
            gone = true;
            stream.cancel();
        }
    }
}
