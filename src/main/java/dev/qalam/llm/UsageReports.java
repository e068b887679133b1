package dev.qalam.llm;

import dev.qalam.llm.api.UsageReport;
import dev.qalam.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Usage reports from the {@link UsageLedger}: an owner's, or everyone's for the operator. Days are UTC days;
 * without {@code from}/{@code to} a report covers the last {@value #DEFAULT_DAYS} days up to today.
 */
@ApplicationScoped
public class UsageReports {

    static final int DEFAULT_DAYS = 30;
    /** The API document's words for both report endpoints. */
    static final String BAD_RANGE = "A date that is not YYYY-MM-DD, from after to, more than 366 days";
    static final String FROM = "First day, YYYY-MM-DD (UTC)";
    static final String TO = "Last day, YYYY-MM-DD (UTC), inclusive";
    /** One report covers at most a year of days: the answer grows with the range. */
    static final int MAX_DAYS = 366;

    @Inject
    UsageLedger ledger;

    Clock clock = Clock.systemUTC();

    /** The report of one owner, or of everyone when {@code owner} is null. */
    public UsageReport report(String owner, String from, String to) {
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock) : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw ApiException.badRequest("invalid_value", "from must not be after to.");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ApiException.badRequest("invalid_value", "A report covers at most " + MAX_DAYS + " days.");
        }
        return UsageReport.of(first, last, ledger.rows(owner, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_value", name + ": give a date as YYYY-MM-DD.");
        }
    }
}
