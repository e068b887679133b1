package dev.qalam.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.qalam.platform.errors.ApiException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Verifies an SSO token (a signed JWT from the configured OpenID Connect provider) and turns it into a
 * {@link QalamPrincipal}. Plain Java, so that every rule is unit-tested with real keys.
 *
 * <p>The rules, in order: the token is a JWS compact serialisation (not {@code alg: none}, not encrypted);
 * its algorithm is RS256 or ES256 (anything else is refused before a key is looked at, which rules out the
 * HMAC-with-the-public-key confusion); {@code typ}, when present, is {@code JWT} or {@code at+jwt}; the
 * signature verifies against a key of the provider's JWKS chosen by {@code kid}; then, and only then, the
 * claims: {@code iss} exactly the issuer, {@code aud} containing the audience, {@code exp} present and not
 * passed, {@code nbf} and {@code iat} not in the future, all within the bounded clock skew, and a
 * {@code sub}.
 *
 * <p>Every rejection is a 401 with the usual error shape and code {@code invalid_api_key} (one code for
 * "this credential is not accepted", whatever its kind), and a short reason that helps a legitimate user
 * ("expired", "wrong audience") without describing the keys or the expected values to a forger. When the
 * provider's keys cannot be fetched at all, the answer is 503 {@code sso_unavailable}: the token may well be
 * fine, the server cannot tell yet.
 */
final class SsoTokenVerifier {

    private static final Logger LOG = Logger.getLogger(SsoTokenVerifier.class.getName());

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** {@code JWT} (most providers), or an RFC 9068 access token; media types compare case-insensitively. */
    private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");
    /** Real access tokens are a few kilobytes; a bound keeps parsing cheap whatever is sent. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final int MAX_SUBJECT_CHARS = 255;
    private static final Pattern ALG_NAME = Pattern.compile("[A-Za-z0-9+-]{1,16}");
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final OidcSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor;

    SsoTokenVerifier(OidcSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
        this.settings = settings;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // The type is checked before processing, to give a clear reason; accept whatever passed that check.
        processor.setJWSTypeVerifier(ANY_TYPE);
        processor.setJWTClaimsSetVerifier(new Claims(settings, clock));
    }

    /** Whether a bearer credential has the shape of a JWS (three base64url parts), so that it is one for us. */
    static boolean looksLikeJwt(String credential) {
        return credential.length() <= MAX_TOKEN_CHARS && COMPACT_JWS.matcher(credential).matches();
    }

    QalamPrincipal verify(String token) {
        if (token == null || !looksLikeJwt(token)) {
            throw rejected("malformed");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw rejected("malformed");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw rejected("unsigned tokens are not accepted");
        }
        JWSHeader header = signed.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            // The header is the sender's text: echo the name only when it looks like an algorithm name.
            String name = header.getAlgorithm().getName();
            throw rejected("signing algorithm " + (ALG_NAME.matcher(name).matches() ? name + " " : "")
                    + "is not accepted (RS256 or ES256)");
        }
        if (header.getType() != null && !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
            throw rejected("token type is not accepted (JWT or at+jwt)");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (Rejected e) {
            throw rejected(e.getMessage());
        } catch (BadJWSException e) {
            throw rejected("signature is invalid");
        } catch (BadJWTException e) {
            throw rejected("malformed");
        } catch (BadJOSEException | RateLimitReachedException e) {
            // No key of the provider has this kid (or, rate-limited, the refresh that might find it was refused).
            throw rejected("no signing key of the identity provider matches it");
        } catch (KeySourceException e) {
            LOG.warning("SSO: the identity provider's signing keys could not be fetched: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            throw new ApiException(503, "server_error", "sso_unavailable",
                    "The identity provider's signing keys cannot be fetched right now; try again shortly.",
                    Duration.ofSeconds(5), null);
        } catch (JOSEException e) {
            throw rejected("signature could not be verified");
        }
        return principal(claims);
    }

    private QalamPrincipal principal(JWTClaimsSet claims) {
        String sub = claims.getSubject();
        SsoGroups.Grants grants = SsoGroups.grants(SsoGroups.claim(claims.getClaims(), settings.groupsClaim()));
        List<String> teams = grants.teamIds();
        String owner = teams.isEmpty() ? QalamPrincipal.ownerOfSubject(sub) : QalamPrincipal.ownerOfTeam(teams.get(0));
        return new QalamPrincipal(null, sub, owner, teams, grants.scopes(), QalamPrincipal.AuthMethod.SSO);
    }

    static ApiException rejected(String reason) {
        return ApiException.unauthorized("Invalid sign-in token: " + reason + ".");
    }

    private static final JOSEObjectTypeVerifier<SecurityContext> ANY_TYPE = (type, ctx) -> { };

    /** A claim rule that failed, with the reason shown to the caller. */
    static final class Rejected extends BadJWTException {
        Rejected(String reason) {
            super(reason);
        }
    }

    /** The claim rules; they run only after the signature has verified. */
    static final class Claims implements JWTClaimsSetVerifier<SecurityContext> {
        private final OidcSettings settings;
        private final Clock clock;

        Claims(OidcSettings settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext ctx) throws BadJWTException {
            Instant now = clock.instant();
            Duration skew = settings.clockSkew();
            if (!settings.issuer().equals(claims.getIssuer())) {
                throw new Rejected("wrong issuer");
            }
            List<String> aud = claims.getAudience();
            if (aud == null || !aud.contains(settings.audience())) {
                throw new Rejected("wrong audience");
            }
            Date exp = claims.getExpirationTime();
            if (exp == null) {
                throw new Rejected("it has no expiry (exp)");
            }
            if (!now.isBefore(exp.toInstant().plus(skew))) {
                throw new Rejected("expired");
            }
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
                throw new Rejected("not yet valid");
            }
            Date iat = claims.getIssueTime();
            if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
                throw new Rejected("issued in the future");
            }
            String sub = claims.getSubject();
            if (sub == null || sub.isBlank()) {
                throw new Rejected("it has no subject (sub)");
            }
            if (sub.length() > MAX_SUBJECT_CHARS) {
                throw new Rejected("subject (sub) too long");
            }
        }
    }
}
