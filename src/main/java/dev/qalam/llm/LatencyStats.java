package dev.qalam.llm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Latency per model: a rolling average over the last {@value #WINDOW} successful requests, shown by
 * {@code /v1/models} as {@code avg_latency_ms}, and the same figures as MicroProfile Metrics (a timer and
 * an average gauge tagged with the model). For a stream, latency is the time to the first chunk.
 */
@ApplicationScoped
public class LatencyStats {

    static final int WINDOW = 50;

    @Inject
    MetricRegistry metrics;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    static final class Window {
        private final long[] samples = new long[WINDOW];
        private Timer timer;
        private int next;
        private int size;
        private long sum;

        synchronized void add(long millis) {
            if (size == WINDOW) {
                sum -= samples[next];
            } else {
                size++;
            }
            samples[next] = millis;
            sum += millis;
            next = (next + 1) % WINDOW;
        }

        synchronized Long average() {
            return size == 0 ? null : Math.round((double) sum / size);
        }

        double averageOrZero() {
            Long a = average();
            return a == null ? 0 : a;
        }
    }

    public void record(String model, Duration latency) {
        Window w = windows.computeIfAbsent(model, this::register);
        w.add(latency.toMillis());
        if (w.timer != null) {
            w.timer.update(latency);
        }
    }

    private Window register(String model) {
        Window w = new Window();
        if (metrics != null) {
            w.timer = metrics.timer(Metadata.builder().withName("qalam_llm_latency")
                    .withDescription("Upstream latency per model (time to the whole answer, or to a stream's first chunk)")
                    .build(), new Tag("model", model));
            metrics.gauge(Metadata.builder().withName("qalam_llm_avg_latency")
                    .withDescription("Rolling average latency of the last " + WINDOW + " requests per model")
                    .withUnit(MetricUnits.MILLISECONDS).build(), w, Window::averageOrZero, new Tag("model", model));
        }
        return w;
    }

    /** The rolling average in milliseconds, or null before the first request. */
    public Long averageMillis(String model) {
        Window w = windows.get(model);
        return w == null ? null : w.average();
    }
}
