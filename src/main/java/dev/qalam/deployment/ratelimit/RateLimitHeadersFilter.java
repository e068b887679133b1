package dev.qalam.deployment.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the {@code X-RateLimit-*} headers (and {@code Retry-After} on a 429) on every answer to a request that
 * {@link DeploymentRateLimits#enforce} checked: successes, streams and errors alike, since response filters also
 * run on the responses that exception mappers build. Other requests carry no decision and are left alone.
 * The decision travels as a servlet request attribute, which JAX-RS exposes as a request property.
 */
@Provider
public class RateLimitHeadersFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateLimitDecision.REQUEST_PROPERTY) instanceof RateLimitDecision decision) {
            decision.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }
}
