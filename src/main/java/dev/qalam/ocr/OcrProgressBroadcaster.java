package dev.qalam.ocr;

import dev.qalam.platform.json.JsonbProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Relays {@link OcrProgress} events (fired by the batch job after each page commits) to the clients
 * following a job over SSE; a stream ends with the job's {@code done} or {@code error} event.
 */
@ApplicationScoped
public class OcrProgressBroadcaster {

    private record Subscriber(SseEventSink sink, Sse sse) {
    }

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    /** Subscribes first, then sends the current state, so that no event falls between the two. */
    public void subscribe(String token, SseEventSink sink, Sse sse, java.util.function.Supplier<OcrProgress> snapshot) {
        Subscriber s = new Subscriber(sink, sse);
        subscribers.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(s);
        OcrProgress now = snapshot.get();
        send(token, s, now);
    }

    void onProgress(@ObservesAsync OcrProgress event) {
        List<Subscriber> list = subscribers.get(event.token());
        if (list == null) {
            return;
        }
        for (Subscriber s : list) {
            send(event.token(), s, event);
        }
    }

    private void send(String token, Subscriber s, OcrProgress event) {
        if (s.sink().isClosed()) {
            remove(token, s);
            return;
        }
        OutboundSseEvent out = s.sse().newEventBuilder()
                .name(event.terminal() ? event.status() : "progress")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(JsonbProvider.jsonb().toJson(event))
                .build();
        s.sink().send(out).whenComplete((ok, failure) -> {
            if (failure != null || event.terminal()) {
                remove(token, s);
                s.sink().close();
            }
        });
    }

    private void remove(String token, Subscriber s) {
        subscribers.computeIfPresent(token, (t, list) -> {
            list.remove(s);
            return list.isEmpty() ? null : list;
        });
    }
}
