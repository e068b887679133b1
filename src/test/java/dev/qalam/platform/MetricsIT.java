package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import org.junit.jupiter.api.Test;

/** Metrics are for the operator and its monitoring, not for anyone who asks. */
class MetricsIT {

    @Test
    void libertysOwnMetricsEndpointIsClosedToAnonymousCallers() {
        Api.Reply r = Api.anonymous().get("/metrics");
        assertNotEquals(200, r.status(), r.body());
        assertFalse(r.body().contains("mp_scope"), r.body());
    }

    @Test
    void metricsNeedTheOperatorsKeyOrTheMetricsScope() {
        Errors.assertError(Api.anonymous().get("/v1/metrics"), 401, "invalid_api_key");
        Errors.assertError(Keys.create("llm", "ocr").api().get("/v1/metrics"), 403, "insufficient_scope");
        Api.Reply monitoring = Keys.create("metrics").api().get("/v1/metrics");
        assertEquals(200, monitoring.status(), monitoring.body());
        assertTrue(monitoring.body().contains("mp_scope=\"base\""), monitoring.body());
        Api.Reply operator = Api.admin().get("/v1/metrics?scope=base");
        assertEquals(200, operator.status(), operator.body());
        assertFalse(operator.body().contains("mp_scope=\"vendor\""), operator.body());
    }
}
