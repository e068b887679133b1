package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The budgets behind the seeds' 402 answers: {@code request_limit} (LLM requests) and
 * {@code ocr_page_balance} (OCR pages). Each charge is one conditional UPDATE, so two concurrent
 * requests can never overspend. Callers without a key (SSO) and keys without a budget are unlimited.
 */
@ApplicationScoped
public class Budgets {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    /** Charges one request; 402 {@code request_limit_exceeded} when the key's limit is used up. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void chargeRequest(QalamPrincipal caller) {
        if (caller.keyId() == null || caller.method() != QalamPrincipal.AuthMethod.API_KEY) {
            return;
        }
        int updated = em.createNamedQuery("ApiKey.chargeRequest").setParameter("id", caller.keyId()).executeUpdate();
        if (updated == 0) {
            throw ApiException.paymentRequired("request_limit_exceeded",
                    "Request limit exceeded for this API key.");
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
