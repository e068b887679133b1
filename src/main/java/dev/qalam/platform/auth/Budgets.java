package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The budgets behind the API's 402 answers (docs/api-contract.md): {@code request_limit} (LLM requests) and
 * {@code ocr_page_balance} (OCR pages). Each charge is one conditional UPDATE, so two concurrent
 * requests can never overspend. Callers without a key (SSO) and keys without a budget are unlimited.
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
    Budgets self;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, AtomicLong> uncounted = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    /**
     * Charges one request; 402 {@code request_limit_exceeded} when the key's limit is used up. A key with a
     * limit is charged in the database at once (one conditional UPDATE, exact across servers); a key without
     * one is only counted, in memory, and its count written every {@value #FLUSH_SECONDS} seconds, so that
     * the common case costs no commit on the request path.
     */
    public void chargeRequest(QalamPrincipal caller) {
        if (caller.keyId() == null || caller.method() != QalamPrincipal.AuthMethod.API_KEY) {
            return;
        }
        if (keyCache.requestLimited(caller.keyId()).orElse(true)) {
            self.chargeLimitedRequest(caller.keyId());
        } else {
            uncounted.computeIfAbsent(caller.keyId(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void chargeLimitedRequest(String keyId) {
        int updated = em.createNamedQuery("ApiKey.chargeRequest").setParameter("id", keyId).executeUpdate();
        if (updated == 0) {
            throw ApiException.paymentRequired("request_limit_exceeded",
                    "Request limit exceeded for this API key.");
        }
    }

    /** Writes the requests counted in memory since the last flush. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void flushRequestCounts() {
        for (Map.Entry<String, AtomicLong> e : uncounted.entrySet()) {
            String keyId = e.getKey();
            long n = e.getValue().getAndSet(0);
            if (n > 0) {
                em.createNamedQuery("ApiKey.addRequests").setParameter("id", keyId).setParameter("n", n).executeUpdate();
            }
        }
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

    /** Charges {@code pages} OCR pages; 402 {@code insufficient_ocr_balance} when the balance is short. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void chargeOcrPages(String keyId, int pages) {
        if (keyId == null || pages <= 0 || !hasOcrBudget(keyId)) {
            return;
        }
        int updated = em.createNamedQuery("ApiKey.chargeOcrPages")
                .setParameter("id", keyId).setParameter("pages", (long) pages).executeUpdate();
        if (updated == 0) {
            throw ApiException.paymentRequired("insufficient_ocr_balance",
                    "Insufficient OCR page balance for " + pages + " page(s).");
        }
    }

    /** Gives back pages charged for work that was not done. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void refundOcrPages(String keyId, int pages) {
        if (keyId == null || pages <= 0) {
            return;
        }
        em.createNamedQuery("ApiKey.refundOcrPages")
                .setParameter("id", keyId).setParameter("pages", (long) pages).executeUpdate();
    }

    /** The pages left, or null when unlimited. */
    public Long ocrPagesLeft(String keyId) {
        if (keyId == null) {
            return null;
        }
        ApiKey key = em.find(ApiKey.class, keyId);
        return key == null ? null : key.ocrPageBalance();
    }

    private boolean hasOcrBudget(String keyId) {
        return ocrPagesLeft(keyId) != null;
    }
}
