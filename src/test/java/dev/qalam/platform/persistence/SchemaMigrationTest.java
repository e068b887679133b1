package dev.qalam.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import dev.qalam.testing.Poll;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema migrations (docs/database.md) on every kind of database the server runs on: a new database gets
 * exactly the schema the entities map, a database that EclipseLink's create-or-extend made before there were
 * migrations upgrades in place and keeps working, and servers starting together or after a crash migrate once.
 */
class SchemaMigrationTest {

    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNewDatabaseGetsExactlyTheSchemaTheEntitiesMap(String kind) throws Exception {
        try (TestDatabase migrated = TestDatabase.create(kind); TestDatabase byEclipseLink = TestDatabase.create(kind)) {
            migrate(migrated);
            EntityManagerFactory emf = byEclipseLink.jpa(Map.of("eclipselink.ddl-generation", "create-tables",
                    "eclipselink.ddl-generation.output-mode", "database"));
            emf.createEntityManager().close();
            emf.close();
            assertSameSchema(describe(byEclipseLink), describe(migrated),
                    "The changelog must create what the entities map: add a changeset under db/changelog for "
                            + "every table, column, index or constraint an entity gains or changes (docs/database.md)");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDatabaseThatCreateOrExtendMadeUpgradesInPlaceAndKeepsWorking(String kind) throws Exception {
        try (TestDatabase legacy = TestDatabase.create(kind); TestDatabase fresh = TestDatabase.create(kind)) {
            legacy.runScript("db/legacy/create-or-extend-" + kind + ".sql");
            migrate(legacy);
            migrate(fresh);
            assertSameSchema(describe(fresh), describe(legacy), "an upgraded database has the schema of a new one");
            Map<String, String> how = changesets(legacy);
            assertEquals("MARK_RAN", how.get("0001-api-key"), "an existing table is only marked as created");
            assertEquals("MARK_RAN", how.get("0001-ocr-page-job-index"), "an existing index is only marked as created");
            assertEquals(List.of("usage_legacy_1 requests=4 prompt=100 completion=20 latency=900 owner=team:team_legacy"),
                    usage(legacy));
            worksWithJpa(legacy);
        }
    }

    /** 0004: the key's budget columns become QALAM_QUOTA rows (what is left of a balance stays left), then go. */
    @ParameterizedTest
    @MethodSource("kinds")
    void theBudgetsOfExistingKeysMoveIntoQuotaRows(String kind) throws Exception {
        try (TestDatabase legacy = TestDatabase.create(kind)) {
            legacy.runScript("db/legacy/create-or-extend-" + kind + ".sql");
            try (Connection c = legacy.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO QALAM_API_KEY (ID, BOOTSTRAP, CREATED_AT, NAME, OWNER, REQUEST_LIMIT, "
                        + "REQUESTS_USED, SCOPES, SECRET_HASH, SECRET_PREFIX, VERSION) VALUES ('key_limited', "
                        + (kind.equals(TestDatabase.DERBY) ? "0" : "FALSE") + ", '2026-11-22 10:00:00', 'limited', "
                        + "'key:key_limited', 5, 2, 'llm', 'hash-limited', 'qk_limit', 1)");
            }
            migrate(legacy);
            assertEquals("EXECUTED", changesets(legacy).get("0004-quota-from-api-key"));
            List<String> rows = new ArrayList<>();
            try (Connection c = legacy.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT KIND, KEY_ID, ALLOWANCE, USED FROM QALAM_QUOTA ORDER BY KEY_ID, KIND")) {
                while (r.next()) {
                    long allowance = r.getLong(3);
                    String shown = r.wasNull() ? "none" : String.valueOf(allowance);
                    rows.add(r.getString(1) + " " + r.getString(2) + " allowance=" + shown + " used=" + r.getLong(4));
                }
            }
            assertEquals(List.of("ocr_pages key_legacy allowance=40 used=0", "requests key_legacy allowance=none used=3",
                    "requests key_limited allowance=5 used=2"), rows);
            try (Connection c = legacy.connect(); ResultSet cols = c.getMetaData().getColumns(null, null,
                    kind.equals(TestDatabase.DERBY) ? "QALAM_API_KEY" : "qalam_api_key", null)) {
                while (cols.next()) {
                    String col = cols.getString("COLUMN_NAME").toUpperCase();
                    assertFalse(List.of("REQUEST_LIMIT", "REQUESTS_USED", "OCR_PAGE_BALANCE").contains(col),
                            col + " is dropped");
                }
            }
            worksWithJpa(legacy);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDatabaseWhoseJobLeasesCreateOrExtendAddedKeepsThemAndGetsTheirIndex(String kind) throws Exception {
        try (TestDatabase legacy = TestDatabase.create(kind); TestDatabase fresh = TestDatabase.create(kind)) {
            legacy.runScript("db/legacy/create-or-extend-" + kind + ".sql");
            legacy.runScript("db/legacy/lease-columns-by-extend.sql");
            migrate(legacy);
            migrate(fresh);
            assertSameSchema(describe(fresh), describe(legacy), "an upgraded database has the schema of a new one");
            Map<String, String> how = changesets(legacy);
            assertEquals("MARK_RAN", how.get("0003-ocr-job-lease-owner"));
            assertEquals("MARK_RAN", how.get("0003-ocr-job-lease-until"));
            assertEquals("EXECUTED", how.get("0003-ocr-job-lease-index"));
            try (Connection c = legacy.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT LEASE_OWNER FROM QALAM_OCR_JOB WHERE ID = 'ocr_legacy'")) {
                assertTrue(r.next());
                assertEquals("server-that-died", r.getString(1), "the lease survives the upgrade");
            }
            worksWithJpa(legacy);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDatabaseFromBeforeOcrGetsTheTablesAndColumnsItLacks(String kind) throws Exception {
        try (TestDatabase legacy = TestDatabase.create(kind); TestDatabase fresh = TestDatabase.create(kind)) {
            legacy.runScript("db/legacy/before-ocr-" + kind + ".sql");
            migrate(legacy);
            migrate(fresh);
            Map<String, String> how = changesets(legacy);
            assertEquals("MARK_RAN", how.get("0001-llm-usage"));
            assertEquals("EXECUTED", how.get("0001-llm-usage-requests"));
            assertEquals("EXECUTED", how.get("0001-ocr-job"));
            assertSameSchema(describe(fresh), describe(legacy), "an upgraded database has the schema of a new one");
            assertEquals(List.of(
                    "usage_legacy_1 requests=1 prompt=100 completion=20 latency=900 owner=team:team_legacy",
                    "usage_legacy_2 requests=1 prompt=50 completion=5 latency=300 owner=team:team_legacy"),
                    usage(legacy), "rows from when each row was one request count one, their tokens kept");
            worksWithJpa(legacy);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void migratingAnUpToDateDatabaseChangesNothing(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            migrate(db);
            List<String> before = describe(db);
            Map<String, String> ran = changesets(db);
            migrate(db);
            assertEquals(before, describe(db));
            assertEquals(ran, changesets(db));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLockLeftByAKilledServerDoesNotStopTheNextStart(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            migrate(db);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate(
                        "UPDATE DATABASECHANGELOGLOCK SET LOCKED = TRUE, LOCKEDBY = 'a server killed mid-migration'"));
            }
            // Without the release, Liquibase waits five minutes for the lock and then fails.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> migrate(db));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void serversStartingTogetherApplyEachChangesetOnce(String kind) throws Exception {
        Map<String, String> alone;
        try (TestDatabase db = TestDatabase.create(kind)) {
            migrate(db);
            alone = changesets(db);
        }
        try (TestDatabase db = TestDatabase.create(kind)) {
            int servers = 3;
            CyclicBarrier together = new CyclicBarrier(servers);
            ExecutorService pool = Executors.newFixedThreadPool(servers);
            try {
                List<Future<Void>> starts = new ArrayList<>();
                for (int i = 0; i < servers; i++) {
                    Callable<Void> start = () -> {
                        try (Connection c = db.connect()) {
                            together.await();
                            SchemaMigrator.migrate(c);
                        }
                        return null;
                    };
                    starts.add(pool.submit(start));
                }
                for (Future<Void> f : starts) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT ID, COUNT(*) FROM DATABASECHANGELOG GROUP BY ID")) {
                while (r.next()) {
                    assertEquals(1, r.getInt(2), "changeset " + r.getString(1) + " recorded once");
                }
            }
            assertEquals(alone, changesets(db), "each changeset applied (or marked) as by a server starting alone");
        }
    }

    /**
     * A server migrating PostgreSQL holds the advisory lock for the whole migration (here: the test holds it); a
     * server starting meanwhile waits for it before touching anything, even the lock table it would otherwise
     * release, and then finds the work done.
     */
    @Test
    void onPostgresqlAServerWaitsForTheOneMigratingBeforeTouchingTheSchema() throws Exception {
        assumeTrue(kinds().contains(TestDatabase.POSTGRESQL), "the suite runs on PostgreSQL");
        try (TestDatabase db = TestDatabase.create(TestDatabase.POSTGRESQL); Connection holder = db.connect()) {
            try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, SchemaMigrator.ADVISORY_LOCK_KEY);
                lock.executeQuery().close();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> second = pool.submit(() -> {
                    try (Connection c = db.connect()) {
                        SchemaMigrator.migrate(c);
                    }
                    return null;
                });
                Poll.until(Duration.ofSeconds(30), "the second server waits for the advisory lock", () -> {
                    try (Statement s = holder.createStatement(); ResultSet r = s.executeQuery(
                            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                        r.next();
                        return r.getInt(1) == 1;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertTrue(describe(db).isEmpty(), "nothing migrated while another server holds the lock");
                try (PreparedStatement unlock = holder.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, SchemaMigrator.ADVISORY_LOCK_KEY);
                    unlock.executeQuery().close();
                }
                second.get(60, TimeUnit.SECONDS);
                assertFalse(describe(db).isEmpty());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Every entity reads its rows, deletes one and writes it back through the real mapping, so a column the
     * entities map but the schema lacks (or has in another type) fails here as it would in the server.
     */
    private static void worksWithJpa(TestDatabase db) {
        EntityManagerFactory emf = db.jpa(Map.of());
        try {
            EntityManager em = emf.createEntityManager();
            int legacyRows = 0;
            for (EntityType<?> type : emf.getMetamodel().getEntities()) {
                String all = "SELECT e FROM " + type.getName() + " e";
                List<?> rows = em.createQuery(all, type.getJavaType()).getResultList();
                legacyRows += rows.size();
                if (rows.isEmpty()) {
                    continue;
                }
                Object row = rows.get(0);
                em.getTransaction().begin();
                em.remove(row);
                em.getTransaction().commit();
                em.detach(row);
                em.getTransaction().begin();
                em.persist(row);
                em.getTransaction().commit();
                em.clear();
                assertEquals(rows.size(), em.createQuery(all).getResultList().size(), type.getName() + " rows written back");
            }
            assertTrue(legacyRows >= 4, "the legacy rows are read back: " + legacyRows);
            em.close();
        } finally {
            emf.close();
        }
    }

    /** The same schema, or a short list of what one has and the other lacks. */
    private static void assertSameSchema(List<String> expected, List<String> actual, String message) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> unexpected = new ArrayList<>(actual);
        unexpected.removeAll(expected);
        assertTrue(missing.isEmpty() && unexpected.isEmpty(),
                message + "\n  missing: " + missing + "\n  unexpected: " + unexpected);
    }

    private static void migrate(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            SchemaMigrator.migrate(c);
            assertFalse(c.isClosed());
            assertTrue(c.getAutoCommit(), "the connection is handed back in auto-commit mode");
        }
    }

    private static List<String> describe(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return SchemaDescription.of(c);
        }
    }

    private static List<String> usage(TestDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT ID, REQUESTS, PROMPT_TOKENS, COMPLETION_TOKENS, LATENCY_MS, OWNER FROM QALAM_LLM_USAGE ORDER BY ID")) {
            while (r.next()) {
                rows.add(r.getString(1) + " requests=" + r.getLong(2) + " prompt=" + r.getLong(3) + " completion="
                        + r.getLong(4) + " latency=" + r.getLong(5) + " owner=" + r.getString(6));
            }
        }
        return rows;
    }

    private static Map<String, String> changesets(TestDatabase db) throws SQLException {
        Map<String, String> how = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT ID, EXECTYPE FROM DATABASECHANGELOG")) {
            while (r.next()) {
                how.put(r.getString(1), r.getString(2));
            }
        }
        return how;
    }
}
