package dev.qalam.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentRequestLogTest {

    /** A log whose database is a list, and can be switched off or refuse one record. */
    static final class ListLog extends DeploymentRequestLog {
        final List<DeploymentRequest> written = new ArrayList<>();
        int transactions;
        boolean down;
        String poison;

        @Override
        void write(List<DeploymentRequest> batch) {
            if (down || batch.stream().anyMatch(r -> r.source() != null && r.source().equals(poison))) {
                throw new IllegalStateException("refused");
            }
            transactions++;
            written.addAll(batch);
        }
    }

    static DeploymentRequest request(String source) {
        return new DeploymentRequest("dep", "team", "key", source, null, "local/extractive", false, 3, 10, 5, 4, 12);
    }

    @Test
    void recordsWaitForTheFlushThenGoInBatches() {
        ListLog log = new ListLog();
        for (int i = 0; i < DeploymentRequestLog.BATCH + 3; i++) {
            log.record(request("app"));
        }
        assertEquals(0, log.written.size(), "nothing is written on the request path");
        log.flush();
        assertEquals(DeploymentRequestLog.BATCH + 3, log.written.size());
        assertEquals(2, log.transactions);
        assertEquals(0, log.queued());
    }

    @Test
    void aDatabaseThatIsAwayLosesNothing() {
        ListLog log = new ListLog();
        log.record(request("a"));
        log.record(request("b"));
        log.down = true;
        assertThrows(IllegalStateException.class, log::flush);
        assertEquals(2, log.queued());
        log.scheduledFlush(); // the scheduled task never throws
        log.down = false;
        log.flush();
        assertEquals(List.of("a", "b"), log.written.stream().map(DeploymentRequest::source).sorted().toList());
    }

    @Test
    void aRecordThatCannotBeWrittenDoesNotBlockTheOthers() {
        ListLog log = new ListLog();
        log.poison = "bad";
        log.record(request("a"));
        log.record(request("bad"));
        log.record(request("c"));
        log.flush();
        assertEquals(List.of("a", "c"), log.written.stream().map(DeploymentRequest::source).toList());
        assertEquals(0, log.queued());
    }

    @Test
    void pastTheBoundARequestWritesItsOwnRecord() {
        ListLog log = new ListLog();
        for (int i = 0; i < DeploymentRequestLog.MAX_QUEUED; i++) {
            log.record(request("q"));
        }
        log.record(request("direct"));
        assertEquals(1, log.written.size());
        assertTrue(log.written.get(0).source().equals("direct"));
        assertEquals(DeploymentRequestLog.MAX_QUEUED, log.queued());
    }
}
