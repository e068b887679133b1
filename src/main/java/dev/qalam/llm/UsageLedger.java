package dev.qalam.llm;

import dev.qalam.llm.api.UsageReport;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.persistence.BackgroundWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Token usage per key and model. Requests add to in-memory totals; a {@link BackgroundWriter} writes them every
 * {@value #FLUSH_SECONDS} seconds as one {@link LlmUsage} row per key, model and endpoint, in one
 * transaction. A flush that fails (the database is briefly unreachable) puts its counts back, to be written
 * with the next ones.
 */
@ApplicationScoped
public class UsageLedger extends BackgroundWriter {

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

    /**
     * Recording holds the read lock, swapping the map out the write lock: once a batch is swapped out no
     * request adds to it any more, so what is written is what was recorded.
     */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile Map<Bucket, Counts> pending = new ConcurrentHashMap<>();
    /** The batch being written, still counted by {@link #totals} until it is committed. */
    private volatile Map<Bucket, Counts> writing = Map.of();
    @Override
    protected Duration interval() {
        return Duration.ofSeconds(FLUSH_SECONDS);
    }

    @Override
    protected String what() {
        return "LLM usage counts";
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

    /** Writes the counts gathered since the last flush; if that fails they are kept for the next one. */
    @Override
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
            write(batch, Instant.now());
        } catch (RuntimeException e) {
            putBack(batch);
            throw e;
        } finally {
            writing = Map.of();
        }
    }

    /** One transaction for the whole batch: either every row is written or none. */
    void write(Map<Bucket, Counts> batch, Instant now) {
        transactions.run(() -> batch.forEach((b, c) -> em.persist(new LlmUsage(b.keyId(), b.owner(), b.model(),
                b.servedBy(), b.endpoint(), c.requests, c.prompt, c.completion, c.latencyMs, now))));
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
