package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Authenticates every request that matched a resource (unmatched routes fall through to a 404), then
 * checks the scope its {@link RequiresScope} declares. {@link Public} endpoints skip both.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        if (method == null || method.isAnnotationPresent(Public.class)
                || (type != null && type.isAnnotationPresent(Public.class))) {
            return;
        }
        QalamPrincipal principal = authenticator.authenticate(bearer(ctx.getHeaderString(HttpHeaders.AUTHORIZATION)));
        RequiresScope required = method.isAnnotationPresent(RequiresScope.class)
                ? method.getAnnotation(RequiresScope.class)
                : type == null ? null : type.getAnnotation(RequiresScope.class);
        if (required != null && !principal.has(required.value())) {
            throw ApiException.forbidden("insufficient_scope",
                    "This endpoint requires an API key with the " + required.value().wireName() + " scope.");
        }
        caller.set(principal);
    }

    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).strip();
        }
        throw ApiException.unauthorized("Send the API key as 'Authorization: Bearer YOUR_API_KEY'.");
    }
}
