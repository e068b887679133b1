package dev.qalam.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.sso.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key discovery from the issuer's OpenID configuration. */
class SsoKeysTest {

    static final String ISS = "https://idp.test/realms/q";
    static final RSAKey KEY = Tokens.rsa("k1");

    /** A web of documents by URL; records what was asked for. */
    static final class Web implements ResourceRetriever {
        final Map<String, String> pages;
        final List<String> asked = new ArrayList<>();

        Web(Map<String, String> pages) {
            this.pages = pages;
        }

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            asked.add(url.toString());
            String body = pages.get(url.toString());
            if (body == null) {
                throw new IOException("404 " + url);
            }
            return new Resource(body, "application/json");
        }
    }

    static SsoKeys.Discovered discovered(Web web) {
        return new SsoKeys.Discovered(URI.create(ISS + "/.well-known/openid-configuration"), ISS, web);
    }

    @Test
    void readsTheKeysTheIssuerAdvertises() throws Exception {
        Web web = new Web(Map.of(
                ISS + "/.well-known/openid-configuration",
                "{\"issuer\":\"" + ISS + "\",\"jwks_uri\":\"https://idp.test/certs\"}",
                "https://idp.test/certs", Tokens.publicSet(KEY).toString()));
        SsoKeys.Discovered d = discovered(web);
        assertEquals("k1", d.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null).getKeys().get(0).getKeyID());
        d.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), 0, null);
        assertEquals(List.of(ISS + "/.well-known/openid-configuration", "https://idp.test/certs",
                "https://idp.test/certs"), web.asked, "the discovery document is read once");

        OidcSettings settings = new OidcSettings(ISS, "qalam", null, "groups", Duration.ofSeconds(60));
        SsoTokenVerifier v = new SsoTokenVerifier(settings, SsoKeys.cached(d), Clock.systemUTC());
        assertEquals("bob", v.verify(Tokens.sign(KEY, Tokens.claims(ISS, "qalam", "bob", List.of()).build())).subject());
    }

    @Test
    void refusesADiscoveryDocumentOfAnotherIssuer() {
        Web web = new Web(Map.of(ISS + "/.well-known/openid-configuration",
                "{\"issuer\":\"https://evil.test\",\"jwks_uri\":\"https://evil.test/certs\"}"));
        KeySourceException e = assertThrows(KeySourceException.class,
                () -> discovered(web).getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null));
        assertTrue(e.getMessage().contains("evil.test"), e.getMessage());
        assertEquals(1, web.asked.size());
    }

    @Test
    void anUnreachableIssuerIsUnavailableAndRetriedLater() throws Exception {
        Map<String, String> pages = new java.util.HashMap<>();
        Web web = new Web(pages);
        SsoKeys.Discovered d = discovered(web);
        assertThrows(KeySourceException.class, () -> d.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null));

        OidcSettings settings = new OidcSettings(ISS, "qalam", null, "groups", Duration.ofSeconds(60));
        SsoTokenVerifier v = new SsoTokenVerifier(settings, SsoKeys.cached(d), Clock.systemUTC());
        ApiException down = assertThrows(ApiException.class,
                () -> v.verify(Tokens.sign(KEY, Tokens.claims(ISS, "qalam", "bob", List.of()).build())));
        assertEquals(503, down.status());

        pages.put(ISS + "/.well-known/openid-configuration", "{\"issuer\":\"" + ISS + "\",\"jwks_uri\":\"https://idp.test/certs\"}");
        pages.put("https://idp.test/certs", Tokens.publicSet(KEY).toString());
        assertEquals("k1", d.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null).getKeys().get(0).getKeyID());
    }
}
