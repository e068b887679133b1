package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.http.RequestGate;
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
 * checks the scope its {@link RequiresScope} declares. {@link Public} endpoints skip both. A request with a
 * body was authenticated already, before its body was read, by {@link RequestGate}: its principal is reused.
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
        QalamPrincipal principal = ctx.getProperty(RequestGate.PRINCIPAL) instanceof QalamPrincipal early
                ? early : authenticator.authenticate(RequestGate.bearer(ctx.getHeaderString(HttpHeaders.AUTHORIZATION)));
        RequiresScope required = method.isAnnotationPresent(RequiresScope.class)
                ? method.getAnnotation(RequiresScope.class)
                : type == null ? null : type.getAnnotation(RequiresScope.class);
        if (required != null && !principal.has(required.value())) {
            throw ApiException.forbidden("insufficient_scope",
                    "This endpoint requires an API key with the " + required.value().wireName() + " scope.");
        }
        caller.set(principal);
    }
}
