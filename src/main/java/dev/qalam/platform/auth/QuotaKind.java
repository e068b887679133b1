package dev.qalam.platform.auth;

/**
 * The kinds of {@link Quota}, with the name each has on the wire and the 402 code its refusal carries.
 * {@code request_limit} counts LLM requests; {@code ocr_page_balance} OCR pages. A feature with a new budget adds
 * a constant here and charges it through {@link Budgets#charge}.
 */
public enum QuotaKind {
    REQUESTS("requests", "request_limit", "request_limit_exceeded"),
    OCR_PAGES("ocr_pages", "ocr_page_balance", "insufficient_ocr_balance");

    private final String id;
    private final String wireName;
    private final String refusalCode;

    QuotaKind(String id, String wireName, String refusalCode) {
        this.id = id;
        this.wireName = wireName;
        this.refusalCode = refusalCode;
    }

    /** The value of the {@code KIND} column. */
    public String id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }

    public String refusalCode() {
        return refusalCode;
    }
}
