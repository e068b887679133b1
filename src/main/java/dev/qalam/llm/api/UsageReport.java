package dev.qalam.llm.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /v1/usage} and {@code GET /v1/admin/usage} answer: requests and tokens by model and by
 * day (UTC) over {@code from}..{@code to}, both inclusive, and the totals by model over the whole range.
 */
public record UsageReport(String object, LocalDate from, LocalDate to, List<DayUsage> days, List<ModelUsage> models) {

    /** One model on one day. */
    public record DayUsage(LocalDate date, String model, long requests, long promptTokens, long completionTokens,
                           long totalTokens) {
    }

    /** One model over the whole range. */
    public record ModelUsage(String model, long requests, long promptTokens, long completionTokens, long totalTokens) {
    }

    /** One row of the usage ledger: the counts of one key, model and endpoint over a few seconds. */
    public record LedgerRow(Instant at, String model, long requests, long promptTokens, long completionTokens) {
    }

    /** Sums ledger rows by UTC day and model, days in order, models by name within a day. */
    public static UsageReport of(LocalDate from, LocalDate to, List<LedgerRow> rows) {
        Map<LocalDate, Map<String, long[]>> byDay = new TreeMap<>();
        Map<String, long[]> byModel = new TreeMap<>();
        for (LedgerRow r : rows) {
            LocalDate day = LocalDate.ofInstant(r.at(), ZoneOffset.UTC);
            add(byDay.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(r.model(), m -> new long[3]), r);
            add(byModel.computeIfAbsent(r.model(), m -> new long[3]), r);
        }
        List<DayUsage> days = new ArrayList<>();
        byDay.forEach((day, models) -> models.forEach((model, t) ->
                days.add(new DayUsage(day, model, t[0], t[1], t[2], t[1] + t[2]))));
        List<ModelUsage> totals = new ArrayList<>();
        byModel.forEach((model, t) -> totals.add(new ModelUsage(model, t[0], t[1], t[2], t[1] + t[2])));
        return new UsageReport("usage", from, to, days, totals);
    }

    private static void add(long[] t, LedgerRow r) {
        t[0] += r.requests();
        t[1] += r.promptTokens();
        t[2] += r.completionTokens();
    }
}
