package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.auth.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ledger's flush without a database: {@code write} (the one transactional step) stands in for the
 * database, failing when told to.
 */
class UsageLedgerTest {

    static final QalamPrincipal CALLER = new QalamPrincipal("key_1", "key_1", "key:key_1", List.of(),
            Set.of(Scope.LLM), QalamPrincipal.AuthMethod.API_KEY);

    /** What reached the database: one list of rows per committed batch. */
    static final class Ledger extends UsageLedger {
        final List<Map<Bucket, long[]>> committed = new ArrayList<>();
        int failuresLeft;

        @Override
        void write(Map<Bucket, Counts> batch, Instant now) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("the database is unreachable");
            }
            Map<Bucket, long[]> rows = new java.util.HashMap<>();
            batch.forEach((b, c) -> rows.put(b, new long[]{c.requests, c.prompt, c.completion, c.latencyMs}));
            committed.add(rows);
        }

        long[] only() {
            assertEquals(1, committed.size(), "one committed batch");
            assertEquals(1, committed.get(0).size(), "one row");
            return committed.get(0).values().iterator().next();
        }
    }

    @Test
    void aFailedFlushKeepsItsCountsAndTheTaskKeepsRunning() {
        Ledger ledger = new Ledger();
        ledger.record(CALLER, "m", "m", "chat.completions", 10, 5, 100);
        ledger.record(CALLER, "m", "m", "chat.completions", 20, 7, 50);
        ledger.failuresLeft = 1;
        // The scheduled task must not throw: an executor never runs a task again once it has thrown.
        ledger.scheduledFlush();
        assertTrue(ledger.committed.isEmpty());
        ledger.record(CALLER, "m", "m", "chat.completions", 1, 1, 10);
        ledger.scheduledFlush();
        long[] row = ledger.only();
        assertEquals(3, row[0], "requests");
        assertEquals(31, row[1], "prompt tokens");
        assertEquals(13, row[2], "completion tokens");
        assertEquals(160, row[3], "latency");
    }

    @Test
    void aDirectFlushReportsTheFailureAndStillKeepsTheCounts() {
        Ledger ledger = new Ledger();
        ledger.record(CALLER, "m", "m", "embeddings", 4, 0, 3);
        ledger.failuresLeft = 2;
        assertThrows(IllegalStateException.class, ledger::flush);
        assertThrows(IllegalStateException.class, ledger::flush);
        ledger.flush();
        assertEquals(1, ledger.only()[0]);
        ledger.flush();
        assertEquals(1, ledger.committed.size(), "nothing left to write");
    }
}
