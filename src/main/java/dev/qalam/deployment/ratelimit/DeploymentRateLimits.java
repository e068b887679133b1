package dev.qalam.deployment.ratelimit;

import dev.qalam.platform.net.TrustedProxies;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The Deployment API's rate limits as a CDI service: one {@link RateLimiter} for the application, configured
 * from {@code QALAM_RATE_*}, {@code QALAM_TRUSTED_PROXIES} and {@code REDIS_URL}. See the package description
 * for where to call it.
 */
@ApplicationScoped
public class DeploymentRateLimits {

    private static final Logger LOG = Logger.getLogger(DeploymentRateLimits.class.getName());

    @Inject
    Config config;

    private RateLimiter limiter;

    @PostConstruct
    void start() {
        RateLimitSettings settings = RateLimitSettings.from(name -> config.getOptionalValue(name, String.class));
        limiter = RateLimiter.create(settings);
    }

    /**
     * Created when the application starts rather than at the first chat (observing the start creates the bean),
     * so that a wrong setting stops the start with a message naming it instead of failing requests later.
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info(() -> "Deployment rate limits: " + limiter.settings());
    }

    @PreDestroy
    void stop() {
        limiter.close();
    }

    /** The client's address: the socket's peer, or behind trusted proxies what they report. */
    public String clientAddress(HttpServletRequest request) {
        List<String> forwarded = Collections.list(request.getHeaders(TrustedProxies.HEADER));
        return limiter.settings().trustedProxies().clientAddress(request.getRemoteAddr(), forwarded);
    }

    /**
     * Counts the request against the address, deployment and team limits, records the decision on the
     * request for {@link RateLimitHeadersFilter}, and throws the 429 when a limit is reached.
     *
     * @throws RateLimitExceededException when any limit is reached (nothing is counted then)
     */
    public RateLimitDecision enforce(HttpServletRequest request, String teamId, String deploymentId, TeamQuota team) {
        RateLimitDecision decision = limiter.acquire(new RateLimitRequest(clientAddress(request), teamId,
                deploymentId, team));
        request.setAttribute(RateLimitDecision.REQUEST_PROPERTY, decision);
        return decision.orThrow();
    }

    /** The same check for a caller that knows the client's address already; records nothing on a request. */
    public RateLimitDecision check(RateLimitRequest request) {
        return limiter.acquire(request);
    }
}
