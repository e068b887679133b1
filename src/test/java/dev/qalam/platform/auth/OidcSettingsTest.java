package dev.qalam.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When SSO is on, when it stays off, and what the operator is told. */
class OidcSettingsTest {

    static OidcSettings.Resolution resolve(String iss, String aud, String jwks, String claim, String skew) {
        return OidcSettings.resolve(Optional.ofNullable(iss), Optional.ofNullable(aud), Optional.ofNullable(jwks),
                Optional.ofNullable(claim), Optional.ofNullable(skew));
    }

    @Test
    void offAndQuietWhenNothingIsSet() {
        OidcSettings.Resolution r = resolve(null, " ", null, "groups", null);
        assertFalse(r.enabled());
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void onWithAllThree() {
        OidcSettings.Resolution r = resolve("https://idp.test/realms/q", "qalam", "https://idp.test/certs", null, null);
        OidcSettings s = r.settings().orElseThrow();
        assertEquals("https://idp.test/realms/q", s.issuer());
        assertEquals("qalam", s.audience());
        assertEquals(URI.create("https://idp.test/certs"), s.jwksUrl());
        assertEquals("groups", s.groupsClaim());
        assertEquals(Duration.ofSeconds(60), s.clockSkew());
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void partialSettingsWarnAndStayOff() {
        OidcSettings.Resolution r = resolve("https://idp.test", null, "https://idp.test/certs", null, null);
        assertFalse(r.enabled());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("OFF") && r.warnings().get(0).contains(OidcSettings.AUDIENCE),
                r.warnings().get(0));

        r = resolve(null, null, "https://idp.test/certs", null, null);
        assertFalse(r.enabled());
        assertTrue(r.warnings().get(0).contains(OidcSettings.ISSUER) && r.warnings().get(0).contains(OidcSettings.AUDIENCE));
    }

    @Test
    void discoversTheKeysWhenOnlyIssuerAndAudienceAreSet() {
        OidcSettings s = resolve("https://idp.test/realms/q/", "qalam", null, null, null).settings().orElseThrow();
        assertNull(s.jwksUrl());
        assertEquals(URI.create("https://idp.test/realms/q/.well-known/openid-configuration"), s.discoveryUrl());
    }

    @Test
    void noDiscoveryFromANonUrlIssuer() {
        OidcSettings.Resolution r = resolve("my-issuer", "qalam", null, null, null);
        assertFalse(r.enabled());
        assertTrue(r.warnings().get(0).contains(OidcSettings.JWKS_URL));
        assertTrue(resolve("my-issuer", "qalam", "https://idp.test/certs", null, null).enabled());
    }

    @Test
    void rejectsAJwksUrlThatIsNotOne() {
        OidcSettings.Resolution r = resolve("https://idp.test", "qalam", "ftp://idp.test/certs", null, null);
        assertFalse(r.enabled());
        assertFalse(resolve("https://idp.test", "qalam", "not a url", null, null).enabled());
        assertTrue(resolve("https://idp.test", "qalam", "file:///etc/qalam/jwks.json", null, null).enabled());
    }

    @Test
    void boundsTheClockSkew() {
        OidcSettings.Resolution r = resolve("https://idp.test", "qalam", "https://idp.test/k", "roles", "86400");
        assertEquals(OidcSettings.MAX_CLOCK_SKEW, r.settings().orElseThrow().clockSkew());
        assertEquals("roles", r.settings().orElseThrow().groupsClaim());
        assertEquals(1, r.warnings().size());
        assertEquals(Duration.ZERO, resolve("https://idp.test", "qalam", "https://idp.test/k", null, "-5")
                .settings().orElseThrow().clockSkew());
        assertEquals(OidcSettings.DEFAULT_CLOCK_SKEW, resolve("https://idp.test", "qalam", "https://idp.test/k",
                null, "soon").settings().orElseThrow().clockSkew());
        assertEquals(Duration.ofSeconds(10), resolve("https://idp.test", "qalam", "https://idp.test/k", null, "10")
                .settings().orElseThrow().clockSkew());
    }
}
