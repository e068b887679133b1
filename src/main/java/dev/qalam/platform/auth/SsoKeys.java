package dev.qalam.platform.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/**
 * Where the identity provider's signing keys come from, and how often they may be fetched.
 *
 * <p>Nothing is fetched when this is built: the keys are read when the first token arrives, so the server
 * starts (and stays healthy) while the identity provider is unreachable. Then:
 * <ul>
 *   <li>the key set is cached ({@link #CACHE_TTL}) and refreshed at once when a token names a key id it does
 *       not hold, so rotated keys are picked up without a restart;</li>
 *   <li>refreshes are rate-limited (Nimbus allows two fetches per {@link #MIN_REFRESH_INTERVAL}), so tokens with
 *       forged key ids cannot turn the server into a fetch storm against the identity provider;</li>
 *   <li>during an outage of the identity provider the last key set keeps serving for {@link #OUTAGE_TTL}.</li>
 * </ul>
 * Refreshes run on the request thread that needs them (no refresh-ahead thread: the server manages its
 * threads), bounded by short HTTP timeouts.
 */
final class SsoKeys {

    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final Duration OUTAGE_TTL = Duration.ofHours(1);
    /** How long other requests wait for a refresh another request started. */
    static final Duration REFRESH_WAIT = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 3_000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private SsoKeys() {
    }

    /** The production source for these settings: the configured JWKS URL, or the one the issuer advertises. */
    static JWKSource<SecurityContext> forSettings(OidcSettings settings) {
        ResourceRetriever http = new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);
        JWKSetSource<SecurityContext> origin = settings.jwksUrl() != null
                ? new URLBasedJWKSetSource<>(toUrl(settings.jwksUrl()), http)
                : new Discovered(settings.discoveryUrl(), settings.issuer(), http);
        return cached(origin);
    }

    /** Caching, refresh on unknown key ids, rate limiting and outage tolerance around any key-set origin. */
    static JWKSource<SecurityContext> cached(JWKSetSource<SecurityContext> origin) {
        return JWKSourceBuilder.create(origin)
                .cache(CACHE_TTL.toMillis(), REFRESH_WAIT.toMillis())
                .refreshAheadCache(false)
                .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
                .retrying(false)
                .outageTolerant(OUTAGE_TTL.toMillis())
                .build();
    }

    private static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a URL: " + uri, e);
        }
    }

    /**
     * The key set named by the issuer's OpenID discovery document ({@code jwks_uri}). The document is read
     * once it is first needed and remembered once read correctly; its {@code issuer} must be the configured
     * one (OpenID Connect Discovery, section 4.3), so a wrong discovery URL cannot hand over another
     * provider's keys.
     */
    static final class Discovered implements JWKSetSource<SecurityContext> {
        private final URI discoveryUrl;
        private final String issuer;
        private final ResourceRetriever http;
        private volatile URLBasedJWKSetSource<SecurityContext> keys;

        Discovered(URI discoveryUrl, String issuer, ResourceRetriever http) {
            this.discoveryUrl = discoveryUrl;
            this.issuer = issuer;
            this.http = http;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now, SecurityContext ctx)
                throws KeySourceException {
            return resolve().getJWKSet(refresh, now, ctx);
        }

        private synchronized URLBasedJWKSetSource<SecurityContext> resolve() throws KeySourceException {
            if (keys != null) {
                return keys;
            }
            Map<String, Object> doc;
            try {
                doc = JSONObjectUtils.parse(http.retrieveResource(toUrl(discoveryUrl)).getContent());
            } catch (IOException e) {
                throw new JWKSetRetrievalException("Could not read the OpenID discovery document " + discoveryUrl, e);
            } catch (ParseException e) {
                throw new JWKSetUnavailableException("The OpenID discovery document " + discoveryUrl
                        + " is not JSON", e);
            }
            try {
                String advertised = JSONObjectUtils.getString(doc, "issuer");
                if (!issuer.equals(advertised)) {
                    throw new JWKSetUnavailableException("The OpenID discovery document " + discoveryUrl
                            + " names issuer '" + advertised + "', not the configured '" + issuer + "'");
                }
                URI jwks = JSONObjectUtils.getURI(doc, "jwks_uri");
                if (jwks == null) {
                    throw new JWKSetUnavailableException("The OpenID discovery document " + discoveryUrl
                            + " has no jwks_uri");
                }
                keys = new URLBasedJWKSetSource<>(toUrl(jwks), http);
                return keys;
            } catch (ParseException | IllegalArgumentException e) {
                throw new JWKSetUnavailableException("The OpenID discovery document " + discoveryUrl
                        + " has an invalid issuer or jwks_uri", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (keys != null) {
                keys.close();
            }
        }
    }
}
