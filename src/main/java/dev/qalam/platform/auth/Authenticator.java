package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a bearer credential into a {@link QalamPrincipal}. The credential's shape decides the path:
 * the operator's key, an API key ({@code qk_...}), or an SSO token (three dot-separated parts),
 * and every path ends in the same principal type.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());
    public static final String ADMIN_KEY_ID = "admin";

    @Inject
    @ConfigProperty(name = "QALAM_ADMIN_KEY")
    Optional<String> adminKey;

    @Inject
    KeyService keys;

    @Inject
    KeyCache cache;

    @Inject
    SsoAuthenticator sso;

    @PostConstruct
    void init() {
        adminKey = adminKey.filter(k -> !k.isBlank());
        if (adminKey.isPresent() && adminKey.get().length() < 16) {
            LOG.warning("QALAM_ADMIN_KEY is shorter than 16 characters; use a long random value in production.");
        }
    }

    public boolean hasConfiguredAdminKey() {
        return adminKey.isPresent();
    }

    public QalamPrincipal authenticate(String credential) {
        if (credential == null || credential.isBlank()) {
            throw ApiException.unauthorized("Missing API key. Send it as 'Authorization: Bearer YOUR_API_KEY'.");
        }
        if (adminKey.isPresent() && Secrets.sameSecret(credential, adminKey.get())) {
            return new QalamPrincipal(ADMIN_KEY_ID, ADMIN_KEY_ID, QalamPrincipal.ownerOfKey(ADMIN_KEY_ID), List.of(),
                    EnumSet.allOf(Scope.class), QalamPrincipal.AuthMethod.ADMIN_KEY);
        }
        if (credential.startsWith(Secrets.KEY_PREFIX)) {
            String hash = Secrets.sha256Hex(credential);
            KeyCache.CachedKey key = cache.get(hash).orElseGet(() -> cache.put(hash, keys.findByHash(hash)
                    .map(keys::describe)
                    .orElseThrow(() -> ApiException.unauthorized("Incorrect API key provided."))));
            Instant now = Instant.now();
            if (cache.dueForTouch(key.id(), now.toEpochMilli())) {
                keys.touch(key.id(), now);
            }
            return new QalamPrincipal(key.id(), key.id(), key.owner(), key.teamIds(), key.scopes(),
                    QalamPrincipal.AuthMethod.API_KEY);
        }
        if (SsoAuthenticator.looksLikeToken(credential)) {
            return sso.authenticate(credential);
        }
        throw ApiException.unauthorized("Incorrect API key provided.");
    }
}
