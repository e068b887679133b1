package dev.qalam.platform.jobs;

import java.util.Locale;

/**
 * Where a tracked job stands. Stored by name; each API spells it its own way on the wire (OCR uses the
 * lower-case name, document ingestion says {@code processing}/{@code ready}/{@code error}).
 */
public enum JobStatus {
    QUEUED, PROCESSING, DONE, ERROR;

    /** The lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == DONE || this == ERROR;
    }
}
