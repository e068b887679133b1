package dev.qalam.platform.errors;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The runtime's own failures (no such route, wrong method, unsupported media type, unreadable body)
 * in the API's error shape instead of the server's HTML or empty pages.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ApiException api = causeOf(e, ApiException.class);
        if (api != null) {
            return ErrorResponses.of(api);
        }
        if (status >= 500) {
            return UnexpectedExceptionMapper.internalError(e);
        }
        if (status == 400 && (hasCause(e, JsonbException.class) || hasCause(e, JsonException.class))) {
            return JsonbExceptionMapper.invalidJson(e);
        }
        Response r = switch (status) {
            case 400 -> ErrorResponses.of(400, ApiException.INVALID_REQUEST, "invalid_request",
                    "The request could not be read: " + safe(e.getMessage()));
            case 404 -> ErrorResponses.of(404, ApiException.INVALID_REQUEST, "not_found",
                    "No such endpoint or resource.");
            case 405 -> ErrorResponses.of(405, ApiException.INVALID_REQUEST, "method_not_allowed",
                    "This endpoint does not accept that HTTP method.");
            case 406 -> ErrorResponses.of(406, ApiException.INVALID_REQUEST, "not_acceptable",
                    "This endpoint cannot produce the requested media type.");
            case 415 -> ErrorResponses.of(415, ApiException.INVALID_REQUEST, "unsupported_media_type",
                    "Unsupported Content-Type for this endpoint.");
            default -> ErrorResponses.of(status, ApiException.INVALID_REQUEST, "http_" + status, safe(e.getMessage()));
        };
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(r).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return r;
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return causeOf(t, type) != null;
    }

    /** The first throwable of {@code type} in the cause chain, or null. */
    static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String safe(String message) {
        if (message == null || message.isBlank()) {
            return "Bad request.";
        }
        // The runtime's messages may quote class names; keep the first line only.
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
