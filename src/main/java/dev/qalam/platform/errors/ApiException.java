package dev.qalam.platform.errors;

import dev.qalam.platform.json.JsonRefusedException;
import dev.qalam.platform.json.Jsonp;
import java.time.Duration;

/**
 * A failure that the client is told about: an HTTP status and the OpenAI error shape. Thrown anywhere
 * (resource, service, filter, batch listener reading it back) and turned into a response by
 * {@link ApiExceptionMapper} alone.
 */
public class ApiException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final String type;
    private final String code;
    private final Duration retryAfter;

    public ApiException(int status, String type, String code, String message) {
        this(status, type, code, message, null, null);
    }

    public ApiException(int status, String type, String code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** For 429 and 503: how long the client should wait, sent as {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public ApiError body() {
        return ApiError.of(getMessage(), type, code);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, INVALID_REQUEST, code, message);
    }

    /**
     * A body that cannot be read as JSON for the endpoint, {@code cause} being what the parser or binder threw:
     * 400 {@code invalid_json}, saying why when Qalam refused what the JSON holds ({@link JsonRefusedException}:
     * nesting beyond {@link Jsonp#MAX_DEPTH}, U+0000 in a string).
     */
    public static ApiException invalidJson(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JsonRefusedException refused) {
                return new ApiException(400, INVALID_REQUEST, "invalid_json", refused.publicMessage(), null, cause);
            }
        }
        return new ApiException(400, INVALID_REQUEST, "invalid_json",
                "The request body is not valid JSON for this endpoint.", null, cause);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, INVALID_REQUEST, "invalid_api_key", message);
    }

    public static ApiException paymentRequired(String code, String message) {
        return new ApiException(402, "insufficient_quota", code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, "permission_error", code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, INVALID_REQUEST, "not_found", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, INVALID_REQUEST, code, message);
    }

    public static ApiException gone(String code, String message) {
        return new ApiException(410, INVALID_REQUEST, code, message);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, INVALID_REQUEST, "payload_too_large", message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, INVALID_REQUEST, "unsupported_media_type", message);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, INVALID_REQUEST, code, message);
    }

    public static ApiException tooManyRequests(String code, String message, Duration retryAfter) {
        return new ApiException(429, "rate_limit_error", code, message, retryAfter, null);
    }

    public static ApiException badGateway(String code, String message, Throwable cause) {
        return new ApiException(502, "upstream_error", code, message, null, cause);
    }
}
