package dev.qalam.llm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.local.ExtractiveProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** Outside a container the guard's policies do not run; what a provider's call does with their refusals is tested here. */
class UpstreamGuardTest {

    static ProviderRegistry.Provider provider(String id) {
        UpstreamGuard guard = new UpstreamGuard();
        return new ProviderRegistry.Provider(id, "X", "http://x", new ExtractiveProvider(), null, guard::groq);
    }

    @Test
    void openCircuitAndFullBulkheadAreRetriable503sOfTheProvider() {
        RetriableUpstreamException open = assertThrows(RetriableUpstreamException.class,
                () -> provider("groq").call(() -> {
                    throw new CircuitBreakerOpenException("open");
                }));
        assertEquals(503, open.status());
        assertEquals("provider_unavailable", open.code());
        assertEquals("groq", open.provider());
        assertTrue(open.getMessage().contains("circuit open"), open.getMessage());

        RetriableUpstreamException full = assertThrows(RetriableUpstreamException.class,
                () -> provider("gemini").call(() -> {
                    throw new BulkheadException("full");
                }));
        assertEquals(503, full.status());
        assertEquals("gemini", full.provider());
        assertTrue(full.getMessage().contains("too many requests"), full.getMessage());
    }

    @Test
    void answersPassThrough() {
        assertEquals("ok", provider("openai").call(() -> "ok"));
    }
}
