package dev.qalam.deployment.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision recorded on a request becomes the answer's headers; other requests are left alone. */
class RateLimitHeadersFilterTest {

    static ContainerRequestContext request(Map<String, Object> properties) {
        return (ContainerRequestContext) Proxy.newProxyInstance(RateLimitHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static ContainerResponseContext response(MultivaluedMap<String, Object> headers) {
        return (ContainerResponseContext) Proxy.newProxyInstance(RateLimitHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aRefusalGetsEveryHeaderOnce() {
        RateLimitDecision refused = new RateLimitDecision(false, Optional.of(new LimitStatus(LimitScope.DEPLOYMENT, 300,
                0, Duration.ofSeconds(60), Duration.ofMillis(59_500))), Duration.ofMillis(200));
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        // What the exception mapper already wrote from ApiException.retryAfter().
        headers.putSingle("Retry-After", 1L);
        new RateLimitHeadersFilter().filter(request(Map.of(RateLimitDecision.REQUEST_PROPERTY, refused)),
                response(headers));
        assertEquals(List.of("300"), headers.get("X-RateLimit-Limit"));
        assertEquals(List.of("0"), headers.get("X-RateLimit-Remaining"));
        assertEquals(List.of("60"), headers.get("X-RateLimit-Reset"));
        assertEquals(List.of("deployment"), headers.get("X-RateLimit-Scope"));
        assertEquals(List.of("1"), headers.get("Retry-After"));
    }

    @Test
    void requestsWithoutADecisionAreLeftAlone() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        new RateLimitHeadersFilter().filter(request(Map.of()), response(headers));
        assertTrue(headers.isEmpty());
    }
}
