package dev.qalam.llm;

import dev.qalam.llm.api.UsageReport;
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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Token usage per key and model. Requests add to in-memory totals; a background task writes them every
 * {@value #FLUSH_SECONDS} seconds as one {@link LlmUsage} row per key, model and endpoint, in one
 * transaction. A database write per request would cost more than the gateway itself (one commit per
 * request on the request path, or a queue of them behind it); the price is that a crash loses at most the
 * last few seconds of counts.
 *
 * <p>A flush that fails (the database is briefly unreachable) puts its counts back, to be written with the
 * next ones, and the task keeps running: a scheduled task that throws is never run again, so the task
 * catches everything and logs it.
 */
@ApplicationScoped
public class UsageLedger {

    private static final Logger LOG = Logger.getLogger(UsageLedger.class.getName());
    static final long FLUSH_SECONDS = 2;

    public record Totals(String model, long requests, long promptTokens, long completionTokens) {
    }

    record Bucket(String keyId, String owner, String model, String servedBy, String endpoint) {
    }

    static final class Counts {
        long requests;
        long prompt;
        long completion;
        long latencyMs;

        synchronized void add(long requests, long prompt, long completion, long latencyMs) {
            this.requests += requests;
            this.prompt += prompt;
            this.completion += completion;
            this.latencyMs += latencyMs;
        }
    }

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    UsageLedger self;

    /**
     * Recording holds the read lock, swapping the map out the write lock: once a batch is swapped out no
     * request adds to it any more, so what is written is what was recorded.
     */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile Map<Bucket, Counts> pending = new ConcurrentHashMap<>();
    /** The batch being written, still counted by {@link #totals} until it is committed. */
    private volatile Map<Bucket, Counts> writing = Map.of();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        if (scheduler != null) {
            flusher = scheduler.scheduleWithFixedDelay(this::scheduledFlush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
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
        Bucket b = new Bucket(caller.keyId(), caller.owner(), model, servedBy, endpoint);
        swap.readLock().lock();
        try {
            pending.computeIfAbsent(b, x -> new Counts()).add(1, promptTokens, completionTokens, latencyMs);
        } finally {
            swap.readLock().unlock();
        }
    }

    /** The scheduled task: never throws, or the executor would never run it again. */
    void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write LLM usage counts; they are kept for the next attempt", e);
        }
    }

    /** Writes the counts gathered since the last flush; if that fails they are kept for the next one. */
    public void flush() {
        Map<Bucket, Counts> batch;
        swap.writeLock().lock();
        try {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            writing = batch;
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        try {
            self.write(batch, Instant.now());
        } catch (RuntimeException e) {
            putBack(batch);
            throw e;
        } finally {
            writing = Map.of();
        }
    }

    /**
     * One transaction for the whole batch: either every row is written or none. Public: the server's
     * transaction interceptor does not apply to a package-private method, which then ran without a
     * transaction and never wrote a row.
     */
    @Transactional
    public void write(Map<Bucket, Counts> batch, Instant now) {
        for (Map.Entry<Bucket, Counts> e : batch.entrySet()) {
            Bucket b = e.getKey();
            Counts c = e.getValue();
            em.persist(new LlmUsage(b.keyId(), b.owner(), b.model(), b.servedBy(), b.endpoint(), c.requests,
                    c.prompt, c.completion, c.latencyMs, now));
        }
    }

    private void putBack(Map<Bucket, Counts> batch) {
        swap.readLock().lock();
        try {
            batch.forEach((b, c) -> pending.computeIfAbsent(b, x -> new Counts())
                    .add(c.requests, c.prompt, c.completion, c.latencyMs));
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Per-model totals for one key, counts not yet flushed included. */
    public List<Totals> totals(String keyId) {
        Map<String, long[]> byModel = new java.util.TreeMap<>();
        for (Object[] r : em.createNamedQuery("LlmUsage.totals", Object[].class).setParameter("keyId", keyId).getResultList()) {
            byModel.put((String) r[0], new long[]{num(r[1]), num(r[2]), num(r[3])});
        }
        for (Map<Bucket, Counts> counts : List.of(pending, writing)) {
            counts.forEach((b, c) -> {
                if (keyId.equals(b.keyId())) {
                    long[] t = byModel.computeIfAbsent(b.model(), m -> new long[3]);
                    synchronized (c) {
                        t[0] += c.requests;
                        t[1] += c.prompt;
                        t[2] += c.completion;
                    }
                }
            });
        }
        List<Totals> out = new ArrayList<>();
        byModel.forEach((m, t) -> out.add(new Totals(m, t[0], t[1], t[2])));
        return out;
    }

    /**
     * The ledger's rows from {@code from} (inclusive) to {@code until} (exclusive), of one owner or, with a
     * null owner, of everyone. Counts not yet written are left out: they appear within {@value #FLUSH_SECONDS} s.
     */
    public List<UsageReport.LedgerRow> rows(String owner, Instant from, Instant until) {
        String where = "u.createdAt >= :from AND u.createdAt < :until" + (owner == null ? "" : " AND u.owner = :owner");
        var q = em.createQuery("SELECT u.createdAt, u.model, u.requests, u.promptTokens, u.completionTokens "
                + "FROM LlmUsage u WHERE " + where, Object[].class)
                .setParameter("from", from).setParameter("until", until);
        if (owner != null) {
            q.setParameter("owner", owner);
        }
        return q.getResultList().stream().map(r -> new UsageReport.LedgerRow((Instant) r[0], (String) r[1], num(r[2]),
                num(r[3]), num(r[4]))).toList();
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
