package dev.qalam.llm.provider;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream body as lines, handed from the HTTP client's threads to the thread that pumps the stream.
 * {@link #next()} waits at most the idle timeout for each line, so a stalled provider ends the stream
 * without bounding how long a healthy one may talk.
 */
public final class LineStream implements Flow.Subscriber<String> {

    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final String provider;
    private final Duration idle;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> call;
    private volatile boolean cancelled;
    /** The body ended (or failed) on the client's side: the connection may already serve another exchange. */
    private volatile boolean finished;
    private boolean ended;

    LineStream(String provider, Duration idle) {
        this.provider = provider;
        this.idle = idle;
    }

    void attach(CompletableFuture<?> call) {
        this.call = call;
        if (cancelled) {
            call.cancel(true);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        queue.add(line);
    }

    @Override
    public void onError(Throwable t) {
        finished = true;
        queue.add(new Failure(t));
    }

    @Override
    public void onComplete() {
        finished = true;
        queue.add(END);
    }

    void fail(Throwable t) {
        queue.add(new Failure(t));
    }

    /**
     * The next line, or null at the end of the body.
     *
     * @throws UpstreamException when the provider is silent for longer than the idle timeout, or the
     *                           connection fails
     */
    public String next() {
        if (ended) {
            return null;
        }
        Object o;
        try {
            o = queue.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw UpstreamErrors.transport(provider, e);
        }
        if (o == null) {
            cancel();
            throw UpstreamErrors.timeout(provider, "stream produced nothing for " + idle.toMillis() + " ms");
        }
        if (o == END) {
            ended = true;
            return null;
        }
        if (o instanceof Failure f) {
            ended = true;
            if (cancelled) {
                return null;
            }
            throw UpstreamErrors.transport(provider, f.cause() instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : f.cause());
        }
        return (String) o;
    }

    /** The whole remaining body (for error answers), bounded by {@code max} in total. */
    String drain(Duration max) {
        StringBuilder sb = new StringBuilder();
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < deadline && sb.length() < 1 << 20) {
                Object o = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (o == null || o == END || o instanceof Failure) {
                    break;
                }
                sb.append((String) o).append('\n');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cancel();
        }
        return sb.toString();
    }

    /**
     * Stops reading and closes the upstream connection, unless the body already ended: then the HTTP
     * client has put the connection back in its pool, and cancelling would close it under another request.
     */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            // Wakes a reader waiting for the next line.
            queue.add(END);
        }
        if (finished) {
            return;
        }
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<?> c = call;
        if (c != null) {
            c.cancel(true);
        }
    }

    /** Reads to the end of the body (after a stream's end marker), so that the connection can be reused. */
    public void skipToEnd() {
        while (next() != null) {
            // The rest of the body after the end marker carries nothing.
        }
    }

    /** Reads Server-Sent Events: returns the next event's {@code data} (lines joined), or null at the end. */
    public String nextEventData() {
        StringBuilder data = null;
        String line;
        while ((line = next()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith("data:")) {
                String v = line.substring(5);
                if (v.startsWith(" ")) {
                    v = v.substring(1);
                }
                data = data == null ? new StringBuilder(v) : data.append('\n').append(v);
            }
        }
        return data == null ? null : data.toString();
    }

}
