package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.ProviderRegistry;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.llm.provider.Usage;
import dev.qalam.llm.provider.local.ExtractiveProvider;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.auth.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every stream is in the usage ledger once, however it ends. */
class ChatServiceTest {

    record Recorded(String model, String servedBy, int prompt, int completion) {
    }

    /** The ledger's record calls, without a database. */
    static final class Ledger extends UsageLedger {
        final List<Recorded> records = new ArrayList<>();

        @Override
        public void record(QalamPrincipal caller, String model, String servedBy, String endpoint, int promptTokens,
                           int completionTokens, long latencyMs) {
            records.add(new Recorded(model, servedBy, promptTokens, completionTokens));
        }
    }

    /** Stands in for an upstream that streams a few increments and then breaks off. */
    static final class BreakingProvider extends ChatProvider {
        @Override
        protected ChatResult doChat(ProviderTarget target, ChatRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected ChatStream doOpenStream(ProviderTarget target, ChatRequest request) {
            return new ChatStream() {
                @Override
                public void pump(ChatStreamSink sink) {
                    sink.delta(new ChunkDelta(0, "assistant", "", null, null));
                    sink.delta(ChunkDelta.content(0, "Half"));
                    sink.delta(ChunkDelta.content(0, " an"));
                    throw UpstreamErrors.truncated(target.provider());
                }

                @Override
                public void cancel() {
                }
            };
        }
    }

    static final QalamPrincipal SSO_USER = new QalamPrincipal(null, "alice", "sub:alice", List.of(), Set.of(Scope.LLM),
            QalamPrincipal.AuthMethod.SSO);

    final Ledger ledger = new Ledger();
    final ChatService chat = new ChatService();

    ChatServiceTest() {
        chat.router = RouterFixture.router(List.of(
                new ProviderRegistry.Provider("local", null, null, new ExtractiveProvider(), null, null),
                new ProviderRegistry.Provider("breaking", "BREAKING", "http://breaking.invalid", new BreakingProvider(), null, null)),
                List.of(new CatalogModel("local/extractive", "llm", "qalam", 1, "local", "extractive", null, null, null),
                        new CatalogModel("flaky", "llm", "acme", 1, "breaking", null, null, null, null)),
                Map.of("BREAKING_API_KEY", "k"));
        chat.budgets = new Budgets();
        chat.ledger = ledger;
    }

    static ChatRequest request(String model) {
        return ChatRequest.of(model, List.of(ChatMessage.system("The invoice total is 4,500 SAR.\n\nPayments are "
                + "accepted by bank transfer only.\n\nThe office opens at nine."), ChatMessage.user("Which payments are accepted?")))
                .withStream(true, false);
    }

    /** A client: reads until it has {@code leaveAfter} increments, then goes away. */
    static final class Client implements ChatStreamSink {
        final int leaveAfter;
        int received;
        Usage usage;

        Client(int leaveAfter) {
            this.leaveAfter = leaveAfter;
        }

        @Override
        public void delta(ChunkDelta d) {
            received++;
        }

        @Override
        public void usage(Usage u) {
            usage = u;
        }

        @Override
        public boolean cancelled() {
            return received >= leaveAfter;
        }
    }

    @Test
    void aStreamThatEndsInFullIsRecordedWithTheProvidersUsage() {
        ChatService.OpenedStream s = chat.openStream(SSO_USER, request("local/extractive"));
        Client client = new Client(Integer.MAX_VALUE);
        s.stream().pump(client);
        s.stream().cancel();
        assertEquals(List.of(new Recorded("local/extractive", "local/extractive", client.usage.promptTokens(),
                client.usage.completionTokens())), ledger.records);
    }

    @Test
    void aClientThatLeavesAStreamIsRecorded() {
        ChatService.OpenedStream s = chat.openStream(SSO_USER, request("local/extractive"));
        Client client = new Client(2);
        s.stream().pump(client);
        s.stream().cancel();
        assertEquals(1, ledger.records.size(), "recorded once: " + ledger.records);
        Recorded r = ledger.records.get(0);
        assertEquals("local/extractive", r.servedBy());
        assertTrue(r.completion() >= 1, "the increments it was sent count: " + r);
    }

    @Test
    void aStreamThatBreaksOffIsRecordedWithWhatWasDelivered() {
        ChatService.OpenedStream s = chat.openStream(SSO_USER, request("flaky"));
        assertThrows(UpstreamException.class, () -> s.stream().pump(new Client(Integer.MAX_VALUE)));
        assertEquals(List.of(new Recorded("flaky", "flaky", 0, 2)), ledger.records);
    }
}
