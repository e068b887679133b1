package dev.qalam.platform.json;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application. {@code jakarta.json.Json.createReader(...)} and the other
 * static factories look the provider up again on every call (a service loader search, and on Liberty an
 * OSGi check as well); on the LLM gateway's request path that search cost more than the parsing it
 * served, so code that builds or reads JSON-P values per request uses this instance instead. A provider
 * is thread-safe.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
