package dev.qalam.platform.json;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application, bounded to {@value #MAX_DEPTH} levels of nesting
 * ({@link DepthLimitedJsonProvider}); JSON-B reads through it too ({@link JsonbProvider}).
 *
 * <p>{@code jakarta.json.Json.createReader(...)} and the other static factories look the provider up again on
 * every call (a service loader search, and on Liberty an OSGi check as well); on the LLM gateway's request path
 * that search cost more than the parsing it served, so code that builds or reads JSON-P values per request uses
 * this instance instead. A provider is thread-safe.
 */
public final class Jsonp {

    /**
     * The deepest nesting of objects and arrays a JSON document may have. Real requests stay far below it
     * (a chat request with a tool whose JSON schema nests ten objects is about 30 levels deep); the limit is
     * there so that a hostile document is refused before anything recurses over it.
     */
    public static final int MAX_DEPTH = 128;

    public static final JsonProvider PROVIDER = new DepthLimitedJsonProvider(JsonProvider.provider(), MAX_DEPTH);

    private Jsonp() {
    }
}
