package dev.qalam.platform.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds every error response, so that all of them carry the same shape and headers. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.body());
        if (e.retryAfter() != null) {
            r.header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        }
        if (e.status() == 401) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    public static Response of(int status, String type, String code, String message) {
        return of(new ApiException(status, type, code, message));
    }
}
