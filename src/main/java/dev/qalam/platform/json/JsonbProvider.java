package dev.qalam.platform.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The API's JSON conventions: snake_case names (records are named in Java style, the wire as the seeds
 * spell it) and absent rather than null optional fields, except where a field is marked nillable
 * because the seed documents an explicit {@code null}.
 */
@Provider
public class JsonbProvider implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = create();

    /** Reads through {@link Jsonp#PROVIDER}, so bodies bound to records obey the same depth limit as JSON-P reads. */
    public static Jsonb create() {
        return JsonbBuilder.newBuilder().withProvider(Jsonp.PROVIDER).withConfig(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                .withNullValues(false)
                .withAdapters(new InstantAdapter())).build();
    }

    /** Timestamps as the seeds write them: ISO-8601 UTC to the second ({@code 2026-02-05T18:30:00Z}). */
    public static final class InstantAdapter implements JsonbAdapter<Instant, String> {
        @Override
        public String adaptToJson(Instant value) {
            return value.truncatedTo(ChronoUnit.SECONDS).toString();
        }

        @Override
        public Instant adaptFromJson(String value) {
            return Instant.parse(value);
        }
    }

    /** The shared instance, for code that writes JSON outside JAX-RS (SSE payloads, batch records). */
    public static Jsonb jsonb() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
