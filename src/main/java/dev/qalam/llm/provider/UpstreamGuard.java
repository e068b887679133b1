package dev.qalam.llm.provider;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Fault tolerance for upstream calls, by annotation. Fault Tolerance keeps circuit breaker and bulkhead
 * state per method, so there is one method per provider ({@link ProviderRegistry} binds each provider to its
 * method): one provider failing opens its own breaker only. Only the opening of a call runs here (for a
 * stream: until the provider accepted it), so a retry can never repeat anything the client has already
 * received.
 *
 * <p>Retries: 408/409/429/5xx and transport failures ({@link RetriableUpstreamException}), never another
 * 4xx; a 429 whose {@code Retry-After} is longer than the retry delay aborts instead
 * ({@link RateLimitedUpstreamException}), so the provider's wait is respected. The delay has jitter;
 * MicroProfile Fault Tolerance 4.0 has no exponential backoff, so the delay is fixed and retries few.
 * Every value can be tuned through MicroProfile Config ({@code dev.qalam.llm.provider.UpstreamGuard/Retry/maxRetries}).
 */
@ApplicationScoped
@Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 60_000,
        retryOn = RetriableUpstreamException.class,
        abortOn = {NonRetriableUpstreamException.class, RateLimitedUpstreamException.class})
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 15_000, successThreshold = 2,
        failOn = RetriableUpstreamException.class, skipOn = NonRetriableUpstreamException.class)
@Bulkhead(128)
public class UpstreamGuard {

    public <T> T openai(Supplier<T> call) {
        return call.get();
    }

    public <T> T groq(Supplier<T> call) {
        return call.get();
    }

    public <T> T gemini(Supplier<T> call) {
        return call.get();
    }

    public <T> T deepcloud(Supplier<T> call) {
        return call.get();
    }

    /** What a refusal of the provider's policies (open circuit, full bulkhead) is for its callers. */
    public static RetriableUpstreamException unavailable(String provider, RuntimeException refusal) {
        String why = refusal instanceof CircuitBreakerOpenException
                ? "is failing; Qalam stopped calling it for a while (circuit open)"
                : "has too many requests in flight on this server";
        return new RetriableUpstreamException(provider, 503, "upstream_error", "provider_unavailable",
                "The " + provider + " provider " + why + ".", Duration.ofSeconds(15), refusal);
    }
}
