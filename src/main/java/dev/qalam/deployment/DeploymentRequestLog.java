package dev.qalam.deployment;

import dev.qalam.platform.persistence.BackgroundWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The record of every deployment chat request ({@link DeploymentRequest}), written behind the answer: requests
 * queue their record, a background task writes the queue every {@value #FLUSH_MILLIS} ms in one transaction
 * (a commit per chat was the most expensive part of a chat with {@code local/extractive}). Reading the records
 * writes the queue first, so a listing always holds every request answered before it. A crash loses at most
 * the last interval's records; a write that fails keeps them for the next one. Past {@value #MAX_QUEUED}
 * queued records (the database has been unreachable for a while) a request writes its own record, so memory
 * stays bounded and nothing is dropped.
 */
@ApplicationScoped
public class DeploymentRequestLog extends BackgroundWriter {

    private static final Logger LOG = Logger.getLogger(DeploymentRequestLog.class.getName());

    static final long FLUSH_MILLIS = 1000;
    static final int MAX_QUEUED = 20_000;
    /** Records per transaction. */
    static final int BATCH = 500;

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    private final ConcurrentLinkedQueue<DeploymentRequest> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    public void record(DeploymentRequest request) {
        if (queued.get() >= MAX_QUEUED) {
            write(List.of(request));
            return;
        }
        queue.add(request);
        queued.incrementAndGet();
    }

    @Override
    protected Duration interval() {
        return Duration.ofMillis(FLUSH_MILLIS);
    }

    @Override
    protected String what() {
        return "deployment request records";
    }

    /** Writes every record queued before the call, a batch a transaction; a failed batch goes back to the queue. */
    @Override
    public synchronized void flush() {
        int todo = queued.get();
        while (todo > 0) {
            List<DeploymentRequest> batch = new ArrayList<>(Math.min(todo, BATCH));
            for (DeploymentRequest r; batch.size() < BATCH && (r = queue.poll()) != null; ) {
                batch.add(r);
            }
            if (batch.isEmpty()) {
                return;
            }
            queued.addAndGet(-batch.size());
            todo -= batch.size();
            try {
                write(batch);
            } catch (RuntimeException e) {
                writeOneByOne(batch, e);
            }
        }
    }

    /**
     * After a failed batch: each record on its own. A record that fails while others succeed cannot be written
     * (it is logged and dropped, so that it never blocks the queue); if none succeeds the database is away,
     * and every record goes back to the queue.
     */
    private void writeOneByOne(List<DeploymentRequest> batch, RuntimeException batchFailure) {
        List<DeploymentRequest> failed = new ArrayList<>();
        RuntimeException last = batchFailure;
        for (DeploymentRequest r : batch) {
            try {
                write(List.of(r));
            } catch (RuntimeException e) {
                failed.add(r);
                last = e;
            }
        }
        if (failed.size() == batch.size()) {
            queue.addAll(failed);
            queued.addAndGet(failed.size());
            throw last;
        }
        for (DeploymentRequest r : failed) {
            LOG.log(Level.WARNING, "Dropped the record of request " + r.id() + " to deployment " + r.deploymentId()
                    + ": it cannot be written", last);
        }
    }

    /** One transaction: every record of the batch is written, or none. */
    void write(List<DeploymentRequest> batch) {
        transactions.run(() -> batch.forEach(em::persist));
    }

    int queued() {
        return queued.get();
    }
}
