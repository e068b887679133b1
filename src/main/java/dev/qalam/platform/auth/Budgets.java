package dev.qalam.platform.auth;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The budgets behind the API's 402 answers (docs/api-contract.md, docs/keys.md), kept as {@link Quota} rows: a
 * charge to a key is a charge to the key and to every key above it (the key that made it, and so on), all or
 * nothing, so that a key made through {@code POST /v1/keys} can never spend more than its maker could. Each
 * charge is one conditional UPDATE per limited row, so two concurrent requests can never overspend. Callers
 * without a key (SSO, the operator's configured key) and keys without a budget of the kind are unlimited.
 * A charge that does not fit throws {@link BudgetExhaustedException}, a domain exception, only after the
 * transactional method has returned (no exception crosses a transaction boundary for an ordinary 402).
 */
@ApplicationScoped
public class Budgets {

    static final long FLUSH_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(Budgets.class.getName());

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    KeyCache keyCache;

    @Inject
    KeyService keys;

    @Inject
    Budgets self;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, AtomicLong> uncounted = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    /**
     * Charges one LLM request; {@link BudgetExhaustedException} ({@code request_limit_exceeded}) when the limit of
     * the key or of a key above it is used up. A key under a limit is charged in the database at once (exact
     * across servers); a key under none is only counted, in memory, and its count written every
     * {@value #FLUSH_SECONDS} seconds, so that the common case costs no commit on the request path.
     */
    public void chargeRequest(QalamPrincipal caller) {
        if (caller.keyId() == null || caller.method() != QalamPrincipal.AuthMethod.API_KEY) {
            return;
        }
        if (keyCache.requestLimited(caller.keyId()).orElse(true)) {
            charge(QuotaKind.REQUESTS, caller.keyId(), 1);
        } else {
            uncounted.computeIfAbsent(caller.keyId(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * Charges {@code amount} of {@code kind} to a key and every key above it, in the caller's transaction (or a
     * new one); throws {@link BudgetExhaustedException} when one of them cannot cover it, having charged nothing.
     */
    public void charge(QuotaKind kind, String keyId, long amount) {
        if (keyId == null || amount <= 0) {
            return;
        }
        String short_ = self.tryCharge(kind, keys.lineage(keyId), amount);
        if (short_ != null) {
            throw new BudgetExhaustedException(kind, refusal(kind, keyId, short_, amount));
        }
    }

    /**
     * Charges every row of the lineage (root first, so that concurrent charges lock rows in the same order) and
     * returns null, or undoes what it charged and returns the id of the key whose budget fell short.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public String tryCharge(QuotaKind kind, List<String> lineage, long amount) {
        List<String> rootFirst = new ArrayList<>(lineage);
        Collections.reverse(rootFirst);
        List<String> charged = new ArrayList<>();
        for (String id : rootFirst) {
            int updated = em.createQuery("UPDATE Quota q SET q.used = q.used + :n WHERE q.kind = :k AND q.keyId = :id "
                            + "AND (q.allowance IS NULL OR q.used + :n <= q.allowance)")
                    .setParameter("n", amount).setParameter("k", kind.id()).setParameter("id", id).executeUpdate();
            if (updated == 1) {
                charged.add(id);
            } else if (hasRow(kind, id)) {
                for (String undo : charged) {
                    add(kind, undo, -amount);
                }
                return id;
            }
        }
        return null;
    }

    private boolean hasRow(QuotaKind kind, String keyId) {
        return em.find(Quota.class, new Quota.Key(kind.id(), keyId)) != null;
    }

    private void add(QuotaKind kind, String keyId, long n) {
        em.createQuery("UPDATE Quota q SET q.used = q.used + :n WHERE q.kind = :k AND q.keyId = :id")
                .setParameter("n", n).setParameter("k", kind.id()).setParameter("id", keyId).executeUpdate();
    }

    private static String refusal(QuotaKind kind, String keyId, String shortKey, long amount) {
        String whose = shortKey.equals(keyId) ? "this API key" : "the API key that made this one (" + shortKey + ")";
        return switch (kind) {
            case REQUESTS -> "Request limit exceeded for " + whose + ".";
            case OCR_PAGES -> "Insufficient OCR page balance of " + whose + " for " + amount + " page(s).";
        };
    }

    /** Gives back what a charge took for work that was not done, to the key and every key above it. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void refund(QuotaKind kind, String keyId, long amount) {
        if (keyId == null || amount <= 0) {
            return;
        }
        for (String id : keys.lineage(keyId)) {
            em.createQuery("UPDATE Quota q SET q.used = q.used - :n WHERE q.kind = :k AND q.keyId = :id AND q.used >= :n")
                    .setParameter("n", amount).setParameter("k", kind.id()).setParameter("id", id).executeUpdate();
        }
    }

    /** Charges OCR pages; {@link BudgetExhaustedException} ({@code insufficient_ocr_balance}) when short. */
    public void chargeOcrPages(String keyId, int pages) {
        charge(QuotaKind.OCR_PAGES, keyId, pages);
    }

    public void refundOcrPages(String keyId, int pages) {
        refund(QuotaKind.OCR_PAGES, keyId, pages);
    }

    /** What a key can still spend of a kind: the least that it and the keys above it have left; null if unlimited. */
    public Long left(QuotaKind kind, String keyId) {
        if (keyId == null) {
            return null;
        }
        List<String> lineage = keys.lineage(keyId);
        Long least = null;
        for (Quota q : em.createQuery("SELECT q FROM Quota q WHERE q.kind = :k AND q.keyId IN :ids", Quota.class)
                .setParameter("k", kind.id()).setParameter("ids", lineage).getResultList()) {
            Long left = q.left();
            if (left != null && (least == null || left < least)) {
                least = left;
            }
        }
        return least;
    }

    public Long ocrPagesLeft(String keyId) {
        return left(QuotaKind.OCR_PAGES, keyId);
    }

    /** Writes the requests counted in memory since the last flush; a count that cannot be written is kept. */
    public void flushRequestCounts() {
        for (Map.Entry<String, AtomicLong> e : uncounted.entrySet()) {
            long n = e.getValue().getAndSet(0);
            if (n > 0) {
                try {
                    self.count(QuotaKind.REQUESTS, e.getKey(), n);
                } catch (RuntimeException failed) {
                    e.getValue().addAndGet(n);
                    throw failed;
                }
            }
        }
    }

    /** Adds to a key's own count (no limit checked), making its row if it has none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void count(QuotaKind kind, String keyId, long n) {
        Quota row = em.find(Quota.class, new Quota.Key(kind.id(), keyId));
        if (row == null) {
            em.persist(new Quota(kind.id(), keyId, null));
            em.flush();
        }
        add(kind, keyId, n);
    }

    @PostConstruct
    void startFlushing() {
        if (scheduler != null) {
            flusher = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    self.flushRequestCounts();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not write request counts; will try again", e);
                }
            }, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stopFlushing() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        try {
            self.flushRequestCounts();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the last request counts", e);
        }
    }
}
