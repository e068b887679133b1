package dev.qalam.llm;

import dev.qalam.platform.auth.QalamPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records token usage per key and model. The write happens after the answer, on a CDI async event, so
 * that the database never adds latency to an LLM request.
 */
@ApplicationScoped
public class UsageLedger {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class.getName());

    public record Used(String keyId, String owner, String model, String servedBy, String endpoint, int promptTokens,
                       int completionTokens, long latencyMs, Instant at) {
    }

    public record Totals(String model, long requests, long promptTokens, long completionTokens) {
    }

    @Inject
    Event<Used> events;

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    public void record(QalamPrincipal caller, String model, String servedBy, String endpoint, int promptTokens,
                       int completionTokens, long latencyMs) {
        events.fireAsync(new Used(caller.keyId(), caller.owner(), model, servedBy, endpoint, promptTokens,
                completionTokens, latencyMs, Instant.now()));
    }

    @Transactional
    void persist(@ObservesAsync Used u) {
        try {
            em.persist(new LlmUsage(u.keyId(), u.owner(), u.model(), u.servedBy(), u.endpoint(), u.promptTokens(),
                    u.completionTokens(), u.latencyMs(), u.at()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record LLM usage for key " + u.keyId(), e);
        }
    }

    /** Per-model totals for one key. */
    public List<Totals> totals(String keyId) {
        return em.createNamedQuery("LlmUsage.totals", Object[].class).setParameter("keyId", keyId).getResultList()
                .stream().map(r -> new Totals((String) r[0], ((Number) r[1]).longValue(),
                        r[2] == null ? 0 : ((Number) r[2]).longValue(), r[3] == null ? 0 : ((Number) r[3]).longValue()))
                .toList();
    }
}
