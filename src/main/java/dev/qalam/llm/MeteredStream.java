package dev.qalam.llm;

import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.Usage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A stream that reports its usage once, when its pump ends, however it ends: answered in full, failed upstream,
 * or left by a client that went away (whose answer the provider has billed as far as it got). The usage is the
 * provider's count when it sent one; otherwise the content increments delivered so far are counted as completion
 * tokens (providers send about one token per increment) and the prompt as unknown (0).
 */
public final class MeteredStream implements ChatStream {

    private final ChatStream stream;
    private final Consumer<Usage> onEnd;
    private final AtomicBoolean reported = new AtomicBoolean();

    public MeteredStream(ChatStream stream, Consumer<Usage> onEnd) {
        this.stream = stream;
        this.onEnd = onEnd;
    }

    @Override
    public void pump(ChatStreamSink sink) {
        Usage[] reportedUsage = new Usage[1];
        int[] increments = new int[1];
        try {
            stream.pump(new ChatStreamSink() {
                @Override
                public void delta(ChunkDelta delta) {
                    if (delta.content() != null && !delta.content().isEmpty() || delta.toolCalls() != null) {
                        increments[0]++;
                    }
                    sink.delta(delta);
                }

                @Override
                public void usage(Usage usage) {
                    reportedUsage[0] = usage;
                    sink.usage(usage);
                }

                @Override
                public boolean cancelled() {
                    return sink.cancelled();
                }
            });
        } finally {
            if (reported.compareAndSet(false, true)) {
                onEnd.accept(reportedUsage[0] != null ? reportedUsage[0] : new Usage(0, increments[0]));
            }
        }
    }

    @Override
    public void cancel() {
        stream.cancel();
    }
}
