package dev.qalam.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings a database's schema up to date with the changelog {@value #CHANGELOG} (Liquibase; docs/database.md).
 *
 * <p>Only one migration runs against a database at a time. Liquibase's own lock (a row in
 * DATABASECHANGELOGLOCK) does that between servers, but a server killed while holding it leaves it set, and every
 * later start would wait for it and then fail. So the right to migrate is taken first with something that dies
 * with its holder: on PostgreSQL a session advisory lock (released by the database when the connection drops),
 * on embedded Derby the database itself (only one JVM can open it) plus a lock in this JVM. Whoever holds that
 * is the only migrator, so a Liquibase lock still set is a dead server's and is released before updating.
 */
public final class SchemaMigrator {

    /** The master changelog, on the class path. Its path is part of every changeset's identity: never move it. */
    public static final String CHANGELOG = "db/changelog/qalam.xml";

    /** The PostgreSQL advisory lock key that serialises migrations ("QalamDB" in ASCII). */
    static final long ADVISORY_LOCK_KEY = 0x51616C616D4442L;

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private SchemaMigrator() {
    }

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open a connection to migrate the database schema", e);
        }
    }

    /** Applies every changeset the database lacks, through {@code connection} (left open, auto-commit on). */
    public static void migrate(Connection connection) {
        IN_THIS_JVM.lock();
        try {
            connection.setAutoCommit(true);
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            boolean postgres = database instanceof PostgresDatabase;
            if (postgres) {
                advisoryLock(connection, "pg_advisory_lock");
            }
            try {
                update(database);
            } finally {
                // A failed changeset can leave its transaction open (on PostgreSQL, aborted): end it first.
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                if (postgres) {
                    advisoryLock(connection, "pg_advisory_unlock");
                }
                LockServiceFactory.getInstance().resetAll();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not migrate the database schema: " + e.getMessage(), e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private static void update(Database database) throws Exception {
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()),
                Scope.Attr.ui.name(), new LoggerUIService(),
                // Liquibase would otherwise try to send usage analytics to its vendor on every run.
                "liquibase.analytics.enabled", Boolean.FALSE);
        Scope.child(scope, () -> {
            LockServiceFactory.getInstance().getLockService(database).forceReleaseLock();
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute();
        });
        LOG.fine("Database schema is up to date");
    }

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + function + "(?)")) {
            s.setLong(1, ADVISORY_LOCK_KEY);
            s.executeQuery().close();
        }
    }
}
