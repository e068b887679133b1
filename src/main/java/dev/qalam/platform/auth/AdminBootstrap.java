package dev.qalam.platform.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The operator's key: {@code QALAM_ADMIN_KEY} when set; otherwise one is generated on the first start,
 * only its hash stored, and its secret printed once in the log. A generated key that was revoked is replaced
 * by a new one at the next start, so that revoking it (say, because the log was exposed) never locks the
 * operator out: whoever can restart the server and read its log gets the new key. It is not regenerated at
 * the moment of revocation, since the caller that revoked it may not be the operator.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    Authenticator authenticator;

    @Inject
    KeyService keys;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (authenticator.hasConfiguredAdminKey() || keys.hasBootstrapAdmin()) {
            return;
        }
        KeyService.IssuedKey issued = keys.createBootstrapAdmin();
        LOG.warning("QALAM_ADMIN_KEY is not set: generated the operator's admin key (shown only this once, "
                + "keep it safe): " + issued.secret());
    }
}
