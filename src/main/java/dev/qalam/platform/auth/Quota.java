package dev.qalam.platform.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One budget of one key, as a row keyed by (kind, key): {@code allowance} is what the key may spend of that kind
 * (null: unlimited, the row only counts), {@code used} what it has spent. A feature adds a budget by naming a new
 * {@link QuotaKind}, without touching {@link ApiKey}. Charges are conditional UPDATEs ({@link Budgets}).
 */
@Entity
@Table(name = "QALAM_QUOTA")
@IdClass(Quota.Key.class)
public class Quota {

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String kind;
        public String keyId;

        public Key() {
        }

        public Key(String kind, String keyId) {
            this.kind = kind;
            this.keyId = keyId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kind, k.kind) && Objects.equals(keyId, k.keyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, keyId);
        }
    }

    @Id
    @Column(name = "KIND", length = 40)
    private String kind;

    @Id
    @Column(name = "KEY_ID", length = 40)
    private String keyId;

    @Column(name = "ALLOWANCE")
    private Long allowance;

    @Column(name = "USED", nullable = false)
    private long used;

    protected Quota() {
    }

    public Quota(String kind, String keyId, Long allowance) {
        this.kind = kind;
        this.keyId = keyId;
        this.allowance = allowance;
    }

    public String kind() { return kind; }
    public String keyId() { return keyId; }
    public Long allowance() { return allowance; }
    public long used() { return used; }

    /** What is left, or null when unlimited. */
    public Long left() {
        return allowance == null ? null : Math.max(0, allowance - used);
    }
}
