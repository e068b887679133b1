package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in through the organisation's identity provider (OpenID Connect): reads the {@code QALAM_OIDC_*}
 * settings once, says at start whether SSO is on (or why it stays off), and verifies tokens for
 * {@link Authenticator}. The provider is not contacted at start; see {@link SsoKeys}.
 */
@ApplicationScoped
public class SsoAuthenticator {

    private static final Logger LOG = Logger.getLogger(SsoAuthenticator.class.getName());

    @Inject
    @ConfigProperty(name = OidcSettings.ISSUER)
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = OidcSettings.AUDIENCE)
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = OidcSettings.JWKS_URL)
    Optional<String> jwksUrl;

    @Inject
    @ConfigProperty(name = OidcSettings.GROUPS_CLAIM)
    Optional<String> groupsClaim;

    @Inject
    @ConfigProperty(name = OidcSettings.CLOCK_SKEW)
    Optional<String> clockSkew;

    private SsoTokenVerifier verifier;

    @PostConstruct
    void init() {
        OidcSettings.Resolution r = OidcSettings.resolve(issuer, audience, jwksUrl, groupsClaim, clockSkew);
        r.warnings().forEach(LOG::warning);
        r.settings().ifPresent(s -> {
            verifier = new SsoTokenVerifier(s, SsoKeys.forSettings(s), Clock.systemUTC());
            String keys = s.jwksUrl() != null ? s.jwksUrl().toString() : "discovered from " + s.discoveryUrl();
            LOG.info("SSO (OpenID Connect) is on: issuer " + s.issuer() + ", audience " + s.audience()
                    + ", signing keys " + keys + " (fetched when the first token arrives), groups claim '"
                    + s.groupsClaim() + "', clock skew " + s.clockSkew().toSeconds() + " s.");
            if (s.jwksUrl() != null && "http".equals(s.jwksUrl().getScheme().toLowerCase(Locale.ROOT))
                    && !isLoopback(s.jwksUrl().getHost())) {
                LOG.warning(OidcSettings.JWKS_URL + " is plain http: anyone on the network path could swap the "
                        + "signing keys. Use https in production.");
            }
        });
    }

    /** Makes the start-up message appear when the server starts, not with the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // Observing the event instantiates the bean, which runs init().
    }

    public boolean enabled() {
        return verifier != null;
    }

    /** The signed-in user, or 401 (503 when the provider's keys cannot be fetched). */
    public QalamPrincipal authenticate(String token) {
        if (verifier == null) {
            throw ApiException.unauthorized(
                    "Sign-in tokens are not accepted: SSO is not configured on this server. Use an API key.");
        }
        return verifier.verify(token);
    }

    /** Whether a credential is shaped like a JWT (three base64url parts) rather than an API key. */
    public static boolean looksLikeToken(String credential) {
        return SsoTokenVerifier.looksLikeJwt(credential);
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
