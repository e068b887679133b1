package dev.qalam.llm;

import dev.qalam.platform.auth.QalamPrincipal;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Token usage per key and model. Requests add to in-memory totals; a background task writes them every
 * {@value #FLUSH_SECONDS} seconds as one {@link LlmUsage} row per key, model and endpoint, in one
 * transaction. A database write per request would cost more than the gateway itself (one commit per
 * request on the request path, or a queue of them behind it); the price is that a crash loses at most the
 * last few seconds of counts.
 */
@ApplicationScoped
public class UsageLedger {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class.getName());
    static final long FLUSH_SECONDS = 2;

    public record Totals(String model, long requests, long promptTokens, long completionTokens) {
    }

    private record Bucket(String keyId, String owner, String model, String servedBy, String endpoint) {
    }

    private static final class Counts {
        long requests;
        long prompt;
        long completion;
        long latencyMs;
    }

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    UsageLedger self;

    private volatile Map<Bucket, Counts> pending = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        if (scheduler != null) {
            flusher = scheduler.scheduleWithFixedDelay(() -> self.flush(), FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the last LLM usage counts", e);
        }
    }

    public void record(QalamPrincipal caller, String model, String servedBy, String endpoint, int promptTokens,
                       int completionTokens, long latencyMs) {
        Counts c = pending.computeIfAbsent(new Bucket(caller.keyId(), caller.owner(), model, servedBy, endpoint),
                b -> new Counts());
        synchronized (c) {
            c.requests++;
            c.prompt += promptTokens;
            c.completion += completionTokens;
            c.latencyMs += latencyMs;
        }
    }

    /** Writes the counts gathered since the last flush. */
    @Transactional
    public void flush() {
        Map<Bucket, Counts> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ConcurrentHashMap<>();
        }
        Instant now = Instant.now();
        for (Map.Entry<Bucket, Counts> e : batch.entrySet()) {
            Bucket b = e.getKey();
            Counts c = e.getValue();
            synchronized (c) {
                em.persist(new LlmUsage(b.keyId(), b.owner(), b.model(), b.servedBy(), b.endpoint(), c.requests,
                        c.prompt, c.completion, c.latencyMs, now));
            }
        }
    }

    /** Per-model totals for one key, counts not yet flushed included. */
    public List<Totals> totals(String keyId) {
        Map<String, long[]> byModel = new java.util.TreeMap<>();
        for (Object[] r : em.createNamedQuery("LlmUsage.totals", Object[].class).setParameter("keyId", keyId).getResultList()) {
            byModel.put((String) r[0], new long[]{num(r[1]), num(r[2]), num(r[3])});
        }
        pending.forEach((b, c) -> {
            if (keyId.equals(b.keyId())) {
                long[] t = byModel.computeIfAbsent(b.model(), m -> new long[3]);
                synchronized (c) {
                    t[0] += c.requests;
                    t[1] += c.prompt;
                    t[2] += c.completion;
                }
            }
        });
        List<Totals> out = new ArrayList<>();
        byModel.forEach((m, t) -> out.add(new Totals(m, t[0], t[1], t[2])));
        return out;
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
