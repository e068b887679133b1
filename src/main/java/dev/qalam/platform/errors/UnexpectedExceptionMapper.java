package dev.qalam.platform.errors;

import dev.qalam.platform.json.JsonRefusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything not foreseen: 500 with a generic message and a correlation id; the stack trace goes to the
 * server log under the same id, never to the client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        // An ApiException raised inside the runtime (a body stream over its limit) arrives wrapped.
        ApiException api = WebApplicationExceptionMapper.causeOf(e, ApiException.class);
        if (api != null) {
            return ErrorResponses.of(api);
        }
        // JSON Qalam refuses (too deep, U+0000) is the client's mistake however the reader that met it wrapped it.
        if (WebApplicationExceptionMapper.hasCause(e, JsonRefusedException.class)) {
            return JsonbExceptionMapper.invalidJson(e);
        }
        return internalError(e);
    }

    static Response internalError(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, correlation id " + id, e);
        return Response.fromResponse(ErrorResponses.of(500, "server_error", "internal_error",
                        "The server had an error while processing your request (correlation id " + id + ")."))
                .header("X-Correlation-Id", id).build();
    }
}
