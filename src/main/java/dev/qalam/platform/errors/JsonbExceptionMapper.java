package dev.qalam.platform.errors;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or JSON of the wrong types, is the client's mistake: 400, never 500. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        ApiException api = WebApplicationExceptionMapper.causeOf(e, ApiException.class);
        return api != null ? ErrorResponses.of(api) : invalidJson(e);
    }

    static Response invalidJson(Throwable e) {
        return ErrorResponses.of(ApiException.invalidJson(e));
    }

    @Provider
    public static class JsonParsing implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            ApiException api = WebApplicationExceptionMapper.causeOf(e, ApiException.class);
            return api != null ? ErrorResponses.of(api) : invalidJson(e);
        }
    }

    /** RESTEasy wraps body-reading failures in a ProcessingException. */
    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            ApiException api = WebApplicationExceptionMapper.causeOf(e, ApiException.class);
            if (api != null) {
                return ErrorResponses.of(api);
            }
            if (WebApplicationExceptionMapper.hasCause(e, JsonbException.class)
                    || WebApplicationExceptionMapper.hasCause(e, JsonException.class)) {
                return invalidJson(e);
            }
            return UnexpectedExceptionMapper.internalError(e);
        }
    }
}
