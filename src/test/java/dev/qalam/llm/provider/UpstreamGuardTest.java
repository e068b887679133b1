package dev.qalam.llm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** Outside a container the guard's policies do not run; what it does with their refusals is tested here. */
class UpstreamGuardTest {

    @Test
    void openCircuitAndFullBulkheadAreRetriable503sOfTheProvider() {
        UpstreamGuard guard = new UpstreamGuard();
        RetriableUpstreamException open = assertThrows(RetriableUpstreamException.class,
                () -> UpstreamGuard.call(guard, "groq", () -> {
                    throw new CircuitBreakerOpenException("open");
                }));
        assertEquals(503, open.status());
        assertEquals("provider_unavailable", open.code());
        assertEquals("groq", open.provider());
        assertTrue(open.getMessage().contains("circuit open"), open.getMessage());

        RetriableUpstreamException full = assertThrows(RetriableUpstreamException.class,
                () -> UpstreamGuard.call(guard, "gemini", () -> {
                    throw new BulkheadException("full");
                }));
        assertEquals(503, full.status());
        assertTrue(full.getMessage().contains("too many requests"), full.getMessage());
    }

    @Test
    void answersPassThrough() {
        assertEquals("ok", UpstreamGuard.call(new UpstreamGuard(), "openai", () -> "ok"));
    }
}
