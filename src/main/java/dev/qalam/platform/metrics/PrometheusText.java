package dev.qalam.platform.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metric;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The metrics of MicroProfile registries in the Prometheus text format (version 0.0.4), as Liberty's own
 * {@code /metrics} writes them: counters as {@code _total}, gauges as they are, timers and histograms as
 * summaries ({@code _count}, {@code _sum}, {@code _max}; timers in seconds). Each line carries the registry's
 * scope as the tag {@code mp_scope}.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static void append(StringBuilder out, String scope, Map<MetricID, Metric> metrics) {
        for (Map.Entry<MetricID, Metric> e : metrics.entrySet()) {
            String name = sanitize(e.getKey().getName());
            Map<String, String> tags = new TreeMap<>(e.getKey().getTags());
            tags.put("mp_scope", scope);
            Metric m = e.getValue();
            if (m instanceof Counter c) {
                line(out, name + "_total", tags, c.getCount());
            } else if (m instanceof Gauge<?> g) {
                Object v = g.getValue();
                if (v instanceof Number n) {
                    line(out, name, tags, n.doubleValue());
                }
            } else if (m instanceof Timer t) {
                line(out, name + "_seconds_count", tags, t.getCount());
                line(out, name + "_seconds_sum", tags, t.getElapsedTime().toNanos() / 1e9);
                line(out, name + "_seconds_max", tags, t.getSnapshot().getMax() / 1e9);
            } else if (m instanceof Histogram h) {
                line(out, name + "_count", tags, h.getCount());
                line(out, name + "_sum", tags, h.getSum());
                line(out, name + "_max", tags, h.getSnapshot().getMax());
            }
        }
    }

    private static void line(StringBuilder out, String name, Map<String, String> tags, double value) {
        out.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(sanitize(t.getKey())).append("=\"").append(escape(t.getValue())).append('"');
        }
        out.append("} ");
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%s", value));
        }
        out.append('\n');
    }

    static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_:]", "_");
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
