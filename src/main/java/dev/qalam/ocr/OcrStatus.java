package dev.qalam.ocr;

import java.util.Locale;

/** A job's status, spelled on the wire as docs/api-contract.md spells it. */
public enum OcrStatus {
    QUEUED, PROCESSING, DONE, ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == DONE || this == ERROR;
    }
}
