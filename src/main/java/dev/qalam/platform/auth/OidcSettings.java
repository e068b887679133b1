package dev.qalam.platform.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSO (OpenID Connect) settings, resolved from the raw configuration values once at start.
 *
 * @param issuer      the exact {@code iss} a token must carry
 * @param audience    a value the token's {@code aud} must contain
 * @param jwksUrl     where the signing keys are published; null means "discover it from the issuer"
 * @param groupsClaim the claim (or a dotted path into nested claims) that grants scopes and teams
 * @param clockSkew   the tolerance on {@code exp}, {@code nbf} and {@code iat}
 */
public record OidcSettings(String issuer, String audience, URI jwksUrl, String groupsClaim, Duration clockSkew) {

    public static final String ISSUER = "QALAM_OIDC_ISSUER";
    public static final String AUDIENCE = "QALAM_OIDC_AUDIENCE";
    public static final String JWKS_URL = "QALAM_OIDC_JWKS_URL";
    public static final String GROUPS_CLAIM = "QALAM_OIDC_GROUPS_CLAIM";
    public static final String CLOCK_SKEW = "QALAM_OIDC_CLOCK_SKEW_SECONDS";

    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** A larger skew would let a stolen token live minutes past its expiry; a clock that far off needs fixing. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(300);

    /** The OpenID discovery document of the issuer, used when no JWKS URL is given. */
    public URI discoveryUrl() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /**
     * The outcome of reading the configuration: the settings when SSO is on, and what to tell the operator
     * (each warning is a misconfiguration worth a WARNING line at start).
     */
    public record Resolution(Optional<OidcSettings> settings, List<String> warnings) {
        public boolean enabled() {
            return settings.isPresent();
        }
    }

    /**
     * SSO is on when the issuer and the audience are set, with the JWKS URL given or discovered from the
     * issuer. Setting only part of it is a mistake the operator must hear about, and leaves SSO off rather
     * than half on.
     */
    public static Resolution resolve(Optional<String> issuer, Optional<String> audience, Optional<String> jwksUrl,
                                     Optional<String> groupsClaim, Optional<String> clockSkewSeconds) {
        Optional<String> iss = clean(issuer);
        Optional<String> aud = clean(audience);
        Optional<String> jwks = clean(jwksUrl);
        List<String> warnings = new ArrayList<>();
        if (iss.isEmpty() && aud.isEmpty() && jwks.isEmpty()) {
            return new Resolution(Optional.empty(), warnings);
        }
        if (iss.isEmpty() || aud.isEmpty()) {
            List<String> missing = new ArrayList<>();
            iss.ifPresentOrElse(v -> { }, () -> missing.add(ISSUER));
            aud.ifPresentOrElse(v -> { }, () -> missing.add(AUDIENCE));
            warnings.add("SSO (OpenID Connect) stays OFF: " + String.join(" and ", missing) + (missing.size() > 1
                    ? " are" : " is") + " not set. Set " + ISSUER + ", " + AUDIENCE + " and " + JWKS_URL
                    + " (or only the first two, to discover the keys from the issuer) to turn it on.");
            return new Resolution(Optional.empty(), warnings);
        }
        URI keys = null;
        if (jwks.isPresent()) {
            keys = parseKeysUrl(jwks.get());
            if (keys == null) {
                warnings.add("SSO (OpenID Connect) stays OFF: " + JWKS_URL + " is not an http(s) or file URL.");
                return new Resolution(Optional.empty(), warnings);
            }
        } else if (!isHttpUrl(iss.get())) {
            warnings.add("SSO (OpenID Connect) stays OFF: " + JWKS_URL + " is not set and " + ISSUER
                    + " is not an http(s) URL to discover the signing keys from.");
            return new Resolution(Optional.empty(), warnings);
        }
        String claim = clean(groupsClaim).orElse(DEFAULT_GROUPS_CLAIM);
        Duration skew = skew(clean(clockSkewSeconds), warnings);
        return new Resolution(Optional.of(new OidcSettings(iss.get(), aud.get(), keys, claim, skew)), warnings);
    }

    private static Duration skew(Optional<String> raw, List<String> warnings) {
        if (raw.isEmpty()) {
            return DEFAULT_CLOCK_SKEW;
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            warnings.add(CLOCK_SKEW + " is not a whole number of seconds; using " + DEFAULT_CLOCK_SKEW.toSeconds() + ".");
            return DEFAULT_CLOCK_SKEW;
        }
        if (seconds < 0 || seconds > MAX_CLOCK_SKEW.toSeconds()) {
            long bounded = Math.max(0, Math.min(seconds, MAX_CLOCK_SKEW.toSeconds()));
            warnings.add(CLOCK_SKEW + "=" + seconds + " is outside 0.." + MAX_CLOCK_SKEW.toSeconds() + "; using "
                    + bounded + ".");
            return Duration.ofSeconds(bounded);
        }
        return Duration.ofSeconds(seconds);
    }

    private static URI parseKeysUrl(String raw) {
        try {
            URI u = new URI(raw);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean web = (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
            return web || scheme.equals("file") ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isHttpUrl(String raw) {
        URI u = parseKeysUrl(raw);
        return u != null && !"file".equalsIgnoreCase(u.getScheme());
    }

    private static Optional<String> clean(Optional<String> v) {
        return v.map(String::strip).filter(s -> !s.isEmpty());
    }
}
