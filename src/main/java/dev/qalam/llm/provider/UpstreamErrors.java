package dev.qalam.llm.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The single place that decides whether an upstream failure is retriable: by HTTP status for answers,
 * always for transport failures. Each adapter only extracts the provider's message and retry hint.
 */
public final class UpstreamErrors {

    /** Retry-After values up to this are honoured by the in-process retry; longer ones abort it. */
    public static final Duration MAX_IN_PROCESS_WAIT = Duration.ofMillis(500);

    private UpstreamErrors() {
    }

    public static boolean isRetriableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** A failure described by Qalam (an answer it could not use), with the status it stands for. */
    public static UpstreamException fromStatus(String provider, int status, String message, String code,
                                               Duration retryAfter) {
        return of(provider, status, message, code, retryAfter, false);
    }

    /**
     * A provider's error answer: its status, and its own message and code (either may be null), which
     * {@link UpstreamException#quotesProvider()} marks as the provider's words.
     */
    public static UpstreamException fromProvider(String provider, int status, String message, String code,
                                                 Duration retryAfter) {
        boolean quoted = message != null && !message.isBlank();
        return of(provider, status, message, code, retryAfter, quoted);
    }

    private static UpstreamException of(String provider, int status, String message, String code,
                                        Duration retryAfter, boolean quoted) {
        String type = status == 429 ? "rate_limit_error" : status >= 500 ? "upstream_error" : "invalid_request_error";
        String text = message == null || message.isBlank() ? "The provider answered HTTP " + status + "." : message;
        String c = code == null || code.isBlank() ? "upstream_" + status : code;
        if (status == 429 && retryAfter != null && retryAfter.compareTo(MAX_IN_PROCESS_WAIT) > 0) {
            return new RateLimitedUpstreamException(provider, type, c, text, retryAfter, quoted);
        }
        if (isRetriableStatus(status)) {
            return new RetriableUpstreamException(provider, status, type, c, text, retryAfter, null, quoted);
        }
        return new NonRetriableUpstreamException(provider, status, type, c, text, quoted);
    }

    public static RetriableUpstreamException transport(String provider, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new RetriableUpstreamException(provider, 502, "upstream_error", "upstream_unreachable",
                    "Could not connect to " + provider + ".", null, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(provider, "did not answer in time");
        }
        String what = cause instanceof IOException ? "connection failed" : "call failed";
        return new RetriableUpstreamException(provider, 502, "upstream_error", "upstream_connection_error",
                "The " + provider + " " + what + ": " + cause.getClass().getSimpleName() + ".", null, cause);
    }

    public static RetriableUpstreamException timeout(String provider, String what) {
        return new RetriableUpstreamException(provider, 504, "upstream_error", "upstream_timeout",
                "The " + provider + " provider " + what + ".", null, null);
    }

    public static RetriableUpstreamException truncated(String provider) {
        return new RetriableUpstreamException(provider, 502, "upstream_error", "upstream_stream_truncated",
                "The " + provider + " stream ended before the answer was complete.", null, null);
    }

    /** A {@code Retry-After} header: delay-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(h) * 1000));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(h, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), when.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
