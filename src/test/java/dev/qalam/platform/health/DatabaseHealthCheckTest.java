package dev.qalam.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /health} answers anyone: a database failure must not show the driver's text. */
class DatabaseHealthCheckTest {

    /** The runtime provides the response builder in the server; a plain one here. */
    @BeforeAll
    static void responseBuilder() {
        HealthCheckResponse.setResponseProvider(() -> new HealthCheckResponseBuilder() {
            private String name;
            private HealthCheckResponse.Status status = HealthCheckResponse.Status.UP;
            private final Map<String, Object> data = new LinkedHashMap<>();

            @Override public HealthCheckResponseBuilder name(String n) { name = n; return this; }
            @Override public HealthCheckResponseBuilder withData(String k, String v) { data.put(k, v); return this; }
            @Override public HealthCheckResponseBuilder withData(String k, long v) { data.put(k, v); return this; }
            @Override public HealthCheckResponseBuilder withData(String k, boolean v) { data.put(k, v); return this; }
            @Override public HealthCheckResponseBuilder up() { status = HealthCheckResponse.Status.UP; return this; }
            @Override public HealthCheckResponseBuilder down() { status = HealthCheckResponse.Status.DOWN; return this; }
            @Override public HealthCheckResponseBuilder status(boolean up) { return up ? up() : down(); }
            @Override public HealthCheckResponse build() {
                return new HealthCheckResponse(name, status, data.isEmpty() ? Optional.empty() : Optional.of(data));
            }
        });
    }

    @Test
    void aDatabaseFailureIsDownWithoutTheDriversMessage() {
        String driverText = "java.sql.SQLNonTransientConnectionException: Connection to db.internal:5432 refused "
                + "for user qalam_prod";
        DatabaseHealthCheck check = new DatabaseHealthCheck();
        check.em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    throw new PersistenceException(driverText);
                });
        HealthCheckResponse r = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        String shown = String.valueOf(r.getData().orElseThrow());
        assertFalse(shown.contains("db.internal") || shown.contains("qalam_prod") || shown.contains("SQL"), shown);
        assertEquals(DatabaseHealthCheck.PUBLIC_ERROR, r.getData().orElseThrow().get("error"));
    }
}
