package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.llm.api.UsageReport;
import dev.qalam.llm.api.UsageReport.LedgerRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageReportTest {

    @Test
    void rowsAreSummedByUtcDayAndModel() {
        UsageReport r = UsageReport.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), List.of(
                new LedgerRow(Instant.parse("2026-03-01T23:59:59Z"), "b", 2, 10, 5),
                new LedgerRow(Instant.parse("2026-03-01T00:00:00Z"), "a", 1, 3, 4),
                new LedgerRow(Instant.parse("2026-03-01T10:00:00Z"), "b", 1, 1, 1),
                new LedgerRow(Instant.parse("2026-03-02T00:00:00Z"), "b", 4, 0, 0)));
        assertEquals(List.of(
                new UsageReport.DayUsage(LocalDate.parse("2026-03-01"), "a", 1, 3, 4, 7),
                new UsageReport.DayUsage(LocalDate.parse("2026-03-01"), "b", 3, 11, 6, 17),
                new UsageReport.DayUsage(LocalDate.parse("2026-03-02"), "b", 4, 0, 0, 0)), r.days());
        assertEquals(List.of(new UsageReport.ModelUsage("a", 1, 3, 4, 7), new UsageReport.ModelUsage("b", 7, 11, 6, 17)),
                r.models());
        assertEquals("usage", r.object());
    }

    @Test
    void noRowsNoDays() {
        UsageReport r = UsageReport.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), List.of());
        assertEquals(List.of(), r.days());
        assertEquals(List.of(), r.models());
    }
}
