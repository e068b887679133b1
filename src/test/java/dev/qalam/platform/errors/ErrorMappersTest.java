package dev.qalam.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.json.JsonbProvider;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private static String json(Response r) {
        return JsonbProvider.jsonb().toJson(r.getEntity());
    }

    @Test
    void apiExceptionKeepsStatusTypeCodeAndRetryAfter() {
        Response r = new ApiExceptionMapper().toResponse(
                ApiException.tooManyRequests("rate_limit_exceeded", "Slow down.", Duration.ofMillis(1500)));
        assertEquals(429, r.getStatus());
        assertEquals("2", String.valueOf(r.getHeaderString("Retry-After")));
        assertEquals("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down.\",\"type\":\"rate_limit_error\"}}",
                json(r));
    }

    @Test
    void runtimeExceptionsMapToDocumentedCodes() {
        WebApplicationExceptionMapper m = new WebApplicationExceptionMapper();
        assertEquals(404, m.toResponse(new NotFoundException()).getStatus());
        assertTrue(json(m.toResponse(new NotFoundException())).contains("\"not_found\""));
        Response r405 = m.toResponse(new NotAllowedException("GET"));
        assertEquals(405, r405.getStatus());
        assertEquals("GET", r405.getHeaderString("Allow"));
        assertEquals(415, m.toResponse(new NotSupportedException()).getStatus());
    }

    @Test
    void unexpectedErrorsHideTheirDetails() {
        Logger log = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
        Level before = log.getLevel();
        log.setLevel(Level.OFF);
        try {
            Response r = new UnexpectedExceptionMapper().toResponse(new IllegalStateException("secret db password"));
            assertEquals(500, r.getStatus());
            String body = json(r);
            assertFalse(body.contains("secret"), body);
            assertFalse(body.contains("IllegalStateException"), body);
            assertTrue(body.contains("\"internal_error\""));
            assertNotNull(r.getHeaderString("X-Correlation-Id"));
            assertTrue(body.contains(r.getHeaderString("X-Correlation-Id")));
        } finally {
            log.setLevel(before);
        }
    }
}
