package dev.qalam.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.platform.auth.ApiKey;
import dev.qalam.platform.auth.Scope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up check for a generated operator key ({@code AdminBootstrap}) counts live keys only: once the
 * generated key is revoked, the next start generates a new one instead of locking the operator out.
 */
class BootstrapKeyQueryTest {

    @Test
    void aRevokedGeneratedOperatorKeyDoesNotCount() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.DERBY)) {
            try (Connection c = db.connect()) {
                SchemaMigrator.migrate(c);
            }
            EntityManagerFactory emf = db.jpa(Map.of());
            try {
                EntityManager em = emf.createEntityManager();
                em.getTransaction().begin();
                em.persist(new ApiKey("key_boot", "bootstrap admin", "hash-boot", "qk_boot0", EnumSet.allOf(Scope.class),
                        null, "key:key_boot", "bootstrap", null, true));
                em.getTransaction().commit();
                assertEquals(1L, em.createNamedQuery("ApiKey.bootstrap", Long.class).getSingleResult());

                em.getTransaction().begin();
                em.createQuery("UPDATE ApiKey k SET k.revokedAt = :now WHERE k.id = 'key_boot'")
                        .setParameter("now", Instant.now()).executeUpdate();
                em.getTransaction().commit();
                assertEquals(0L, em.createNamedQuery("ApiKey.bootstrap", Long.class).getSingleResult());
                em.close();
            } finally {
                emf.close();
            }
        }
    }
}
