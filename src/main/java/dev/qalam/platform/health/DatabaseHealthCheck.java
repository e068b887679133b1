package dev.qalam.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready (and live) while the database answers a query. */
@Readiness
@Liveness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Override
    public HealthCheckResponse call() {
        try {
            em.createQuery("SELECT COUNT(t) FROM Team t").getSingleResult();
            return HealthCheckResponse.up("database");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
