package dev.qalam.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready (and live, {@link Live}) while the database answers a query. {@code /health} answers anyone, so a
 * failure says only that the database does not answer; the driver's message (host names, user names, SQL) goes
 * to the log.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    /** The same check for liveness, as a bean of its own: Payara files a bean under one of its kinds only. */
    @Liveness
    @ApplicationScoped
    public static class Live extends DatabaseHealthCheck {
    }

    static final String PUBLIC_ERROR = "The database does not answer.";
    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class.getName());

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Override
    public HealthCheckResponse call() {
        try {
            em.createQuery("SELECT COUNT(t) FROM Team t").getSingleResult();
            return HealthCheckResponse.up("database");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check: the database does not answer", e);
            return HealthCheckResponse.named("database").down().withData("error", PUBLIC_ERROR).build();
        }
    }
}
