package dev.qalam.platform.jobs;

import dev.qalam.platform.json.JsonbProvider;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays job progress to the clients following a job over SSE; a stream ends with the job's terminal event
 * ({@code done}, {@code error}, or the kind's expiry event).
 *
 * <p>Two sources feed it: {@link JobEvent}s fired on this server after each commit (immediate), and a poll
 * of every followed job's current state every {@value #POLL_SECONDS} seconds, because the server running a
 * job need not be the one holding the client's stream (several servers, a takeover), and a job can end
 * where no event is fired here (expiry by another server). Each subscriber only ever gets an event whose
 * order is higher than the last one it got, so the two sources never send anything twice or out of order.
 */
@ApplicationScoped
public class JobProgressBroadcaster {

    static final long POLL_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(JobProgressBroadcaster.class.getName());

    private static final class Subscriber {
        final SseEventSink sink;
        final Sse sse;
        final Supplier<JobEvent> snapshot;
        long lastOrder = Long.MIN_VALUE;
        boolean ended;

        Subscriber(SseEventSink sink, Sse sse, Supplier<JobEvent> snapshot) {
            this.sink = sink;
            this.sse = sse;
            this.snapshot = snapshot;
        }
    }

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private FixedDelay poller;

    /**
     * Follows a job: subscribes first, then sends the current state, so that no event falls between the two.
     *
     * @param snapshot the job's current state as an event; it must not throw for a job that expired (the
     *                 kind's expiry event ends the stream), and a throw ends the stream without an event
     */
    public void subscribe(String jobId, SseEventSink sink, Sse sse, Supplier<JobEvent> snapshot) {
        Subscriber s = new Subscriber(sink, sse, snapshot);
        subscribers.computeIfAbsent(jobId, t -> new CopyOnWriteArrayList<>()).add(s);
        startPolling();
        refresh(jobId, s);
    }

    void onEvent(@ObservesAsync JobEvent event) {
        List<Subscriber> list = subscribers.get(event.jobId());
        if (list != null) {
            for (Subscriber s : list) {
                send(event.jobId(), s, event);
            }
        }
    }

    private synchronized void startPolling() {
        if (poller == null && scheduler != null) {
            poller = FixedDelay.start(scheduler, this::poll, Duration.ofSeconds(POLL_SECONDS), Duration.ofSeconds(POLL_SECONDS));
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.cancel();
        }
    }

    void poll() {
        try {
            subscribers.forEach((jobId, list) -> list.forEach(s -> refresh(jobId, s)));
        } catch (RuntimeException e) {
            // One bad round must not cancel the schedule.
            LOG.log(Level.WARNING, "Job progress poll failed", e);
        }
    }

    private void refresh(String jobId, Subscriber s) {
        JobEvent now;
        try {
            now = s.snapshot.get();
        } catch (RuntimeException e) {
            // The job is gone (or unreadable): nothing more will come for it.
            end(jobId, s);
            return;
        }
        send(jobId, s, now);
    }

    private void send(String jobId, Subscriber s, JobEvent event) {
        synchronized (s) {
            if (s.ended || s.sink.isClosed()) {
                remove(jobId, s);
                return;
            }
            if (event.order() <= s.lastOrder) {
                return;
            }
            s.lastOrder = event.order();
            if (event.terminal()) {
                s.ended = true;
            }
            OutboundSseEvent out = s.sse.newEventBuilder()
                    .name(event.name())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(JsonbProvider.jsonb().toJson(event.data()))
                    .build();
            s.sink.send(out).whenComplete((ok, failure) -> {
                if (failure != null || event.terminal()) {
                    end(jobId, s);
                }
            });
        }
    }

    private void end(String jobId, Subscriber s) {
        synchronized (s) {
            s.ended = true;
        }
        remove(jobId, s);
        try {
            s.sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing an SSE stream failed", e);
        }
    }

    private void remove(String jobId, Subscriber s) {
        subscribers.computeIfPresent(jobId, (t, list) -> {
            list.remove(s);
            return list.isEmpty() ? null : list;
        });
    }
}
