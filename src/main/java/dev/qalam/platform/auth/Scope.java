package dev.qalam.platform.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a key or a signed-in user may do; spelled on the wire in lower case, as in docs/api-contract.md. */
public enum Scope {
    LLM, MODELS, OCR, ALRETRIEVAL, DEPLOYMENT, ADMIN, METRICS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
