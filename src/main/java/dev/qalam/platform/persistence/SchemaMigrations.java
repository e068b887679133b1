package dev.qalam.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import javax.sql.DataSource;

/**
 * Migrates the schema of {@code jdbc/appDS} when the application starts, before anything uses JPA: this observer
 * runs before every other startup observer (they have the default priority), and a failure stops the
 * application from starting rather than letting it run on a schema its entities do not match.
 *
 * <p>It uses a plain connection outside any transaction: Liquibase commits each changeset itself.
 */
@ApplicationScoped
public class SchemaMigrations {

    @Resource(lookup = "jdbc/appDS")
    DataSource dataSource;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object ignored) {
        SchemaMigrator.migrate(dataSource);
    }
}
