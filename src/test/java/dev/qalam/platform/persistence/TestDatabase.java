package dev.qalam.platform.persistence;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An empty database for one test, of a kind the server runs on: an in-memory Derby database, or (when the suite
 * runs on PostgreSQL, {@code DB_KIND=postgres}) a schema of its own in the suite's PostgreSQL database, dropped
 * afterwards.
 */
final class TestDatabase implements AutoCloseable {

    static final String DERBY = "derby";
    static final String POSTGRESQL = "postgresql";

    final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private TestDatabase(String kind, String url, String user, String password, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Derby always; PostgreSQL too when the suite runs on it. */
    static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of(DERBY));
        if ("postgres".equals(System.getenv("DB_KIND"))) {
            kinds.add(POSTGRESQL);
        }
        return kinds;
    }

    static TestDatabase create(String kind) throws SQLException {
        if (DERBY.equals(kind)) {
            return new TestDatabase(kind, "jdbc:derby:memory:qalam_" + Ids.hex(8), null, null, null);
        }
        String schema = "qalam_test_" + Ids.hex(6);
        String base = "jdbc:postgresql://" + env("DB_HOST", "localhost") + ":" + env("DB_PORT", "5432") + "/"
                + env("DB_NAME", "qalam");
        TestDatabase db = new TestDatabase(kind, base + "?currentSchema=" + schema, env("DB_USER", "qalam"),
                env("DB_PASSWORD", "qalam"), schema);
        try (Connection c = DriverManager.getConnection(base, db.user, db.password);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return db;
    }

    Connection connect() throws SQLException {
        return DERBY.equals(kind)
                ? DriverManager.getConnection(url + ";create=true")
                : DriverManager.getConnection(url, user, password);
    }

    /** Runs a script from the class path: statements end with a semicolon at the end of a line; -- comments. */
    void runScript(String resource) throws SQLException {
        String text;
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder statement = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("--")) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    String sql = statement.toString().strip();
                    s.execute(sql.substring(0, sql.length() - 1));
                    statement.setLength(0);
                }
            }
        }
    }

    /** A JPA persistence unit "qalam" (the server's entities and persistence.xml) on this database. */
    EntityManagerFactory jpa(Map<String, String> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        p.put("jakarta.persistence.jtaDataSource", "");
        p.put("jakarta.persistence.jdbc.url", DERBY.equals(kind) ? url + ";create=true" : url);
        if (user != null) {
            p.put("jakarta.persistence.jdbc.user", user);
            p.put("jakarta.persistence.jdbc.password", password);
        }
        p.put("eclipselink.weaving", "false");
        p.put("eclipselink.logging.level", "WARNING");
        p.put("eclipselink.session-name", "qalam-test-" + Ids.hex(6));
        p.putAll(extra);
        return Persistence.createEntityManagerFactory("qalam", p);
    }

    @Override
    public void close() throws SQLException {
        if (DERBY.equals(kind)) {
            try {
                DriverManager.getConnection(url + ";drop=true").close();
            } catch (SQLException dropped) {
                // Derby reports a dropped database with SQLState 08006; anything else is a real failure.
                if (!"08006".equals(dropped.getSQLState())) {
                    throw dropped;
                }
            }
            return;
        }
        String base = url.substring(0, url.indexOf('?'));
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
