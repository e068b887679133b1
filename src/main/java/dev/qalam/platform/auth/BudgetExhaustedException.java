package dev.qalam.platform.auth;

/**
 * A budget of the key, or of a key that made it, does not cover a charge. A domain exception: the HTTP layer
 * answers it with 402 ({@link BudgetExhaustedMapper}), a job step records it as the job's error.
 */
public class BudgetExhaustedException extends RuntimeException {

    private final QuotaKind kind;

    public BudgetExhaustedException(QuotaKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public QuotaKind kind() {
        return kind;
    }

    public String code() {
        return kind.refusalCode();
    }
}
