package dev.qalam.llm.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.deployment.RagPrompt;
import dev.qalam.deployment.api.RagContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ChatProvider} adapter passes, the upstream ones ({@link UpstreamChatProviderContract}
 * adds their wire faults) and the in-process ones alike.
 */
public abstract class ChatProviderContract {

    protected abstract ChatProvider provider();

    protected abstract ProviderTarget target();

    /** Makes the provider ready to answer any request, whole or streamed (a fake's stub; nothing in process). */
    protected abstract void willAnswer(boolean stream);

    /**
     * What reached the model with the last request: the body an upstream received, or for a model in this
     * process what its {@code answer} shows of what it was given.
     */
    protected abstract String whatTheModelReceived(String answer);

    /** What a client sent. */
    static final ChatRequest FROM_CLIENT = ChatRequest.of("client-model",
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is the capital of Saudi Arabia?")));

    /**
     * The same request after Qalam changed its messages, as a deployment does: its own system prompt with
     * retrieved context instead of the client's, the question reworded.
     */
    static final ChatRequest CHANGED_IN_QALAM = FROM_CLIENT.withMessages(List.of(
            ChatMessage.system("Answer from the context below.\n\nThe capital of Saudi Arabia is Riyadh.\n\n"
                    + "Jeddah lies on the Red Sea."),
            ChatMessage.user("Which city is the capital of Saudi Arabia?")));

    @Test
    void aRequestChangedInsideQalamReachesTheProviderAsChanged() {
        for (boolean stream : new boolean[]{false, true}) {
            willAnswer(stream);
            ChatRequest request = CHANGED_IN_QALAM.withStream(stream, stream);
            String answer;
            if (stream) {
                Collector c = new Collector();
                provider().openStream(target(), request).pump(c);
                answer = c.text.toString();
            } else {
                answer = provider().chat(target(), request).choices().get(0).content();
            }
            String seen = whatTheModelReceived(answer);
            String how = stream ? "streamed: " : "whole: ";
            assertTrue(seen.contains("The capital of Saudi Arabia is Riyadh."), how + seen);
            assertFalse(seen.contains("Be brief."), how + "the client's own system message is gone: " + seen);
        }
    }

    /**
     * A deployment's request, as the Deployment API builds it: its prompt with a retrieved passage, then the
     * client's conversation. The passage must reach the model whatever the provider's format.
     */
    @Test
    void aDeploymentsRetrievedContextReachesTheModel() {
        ChatRequest deployed = RagPrompt.build("Answer from the context.", FROM_CLIENT, List.of(new RagContext("c1",
                "d1", "kingdom.pdf", null, "The capital of Saudi Arabia is Riyadh.", 0.9, List.of(3), Map.of())),
                List.of(), false);
        for (boolean stream : new boolean[]{false, true}) {
            willAnswer(stream);
            ChatRequest request = deployed.withStream(stream, stream);
            String answer;
            if (stream) {
                Collector c = new Collector();
                provider().openStream(target(), request).pump(c);
                answer = c.text.toString();
            } else {
                answer = provider().chat(target(), request).choices().get(0).content();
            }
            String seen = whatTheModelReceived(answer);
            assertTrue(seen.contains("The capital of Saudi Arabia is Riyadh."), (stream ? "streamed: " : "whole: ") + seen);
        }
    }

    /** Collects what a stream delivers. */
    protected static final class Collector implements ChatStreamSink {
        final StringBuilder text = new StringBuilder();
        final List<ChunkDelta> deltas = new ArrayList<>();
        String finishReason;
        Usage usage;
        volatile boolean cancelled;

        @Override
        public void delta(ChunkDelta d) {
            deltas.add(d);
            if (d.content() != null) {
                text.append(d.content());
            }
            if (d.finishReason() != null) {
                finishReason = d.finishReason();
            }
        }

        @Override
        public void usage(Usage u) {
            usage = u;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }
}
