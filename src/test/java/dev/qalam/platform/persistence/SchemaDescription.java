package dev.qalam.platform.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the application's tables look like in a database, one line per table, column, primary key, index and
 * foreign key, read through JDBC metadata and sorted, so that two schemas compare as two lists whose difference
 * says what is missing. Tables of Liquibase and of Liberty's batch job store are left out.
 */
final class SchemaDescription {

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR);

    private SchemaDescription() {
    }

    static List<String> of(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        // Derby named the primary keys of databases made before migrations itself: compare their names elsewhere.
        boolean primaryKeyNames = !md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("derby");
        List<String> lines = new ArrayList<>();
        for (String table : tables(md, schema)) {
            try (ResultSet r = md.getColumns(null, schema, table, "%")) {
                while (r.next()) {
                    String type = r.getString("TYPE_NAME");
                    if (TEXT_TYPES.contains(r.getInt("DATA_TYPE"))) {
                        type += "(" + r.getInt("COLUMN_SIZE") + ")";
                    }
                    String def = r.getString("COLUMN_DEF");
                    lines.add(up(table) + "." + up(r.getString("COLUMN_NAME")) + " " + up(type)
                            + (r.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "")
                            + (def == null ? "" : " DEFAULT " + def.strip()));
                }
            }
            String primaryKeyName = null;
            Map<Integer, String> primaryKey = new TreeMap<>();
            try (ResultSet r = md.getPrimaryKeys(null, schema, table)) {
                while (r.next()) {
                    primaryKeyName = r.getString("PK_NAME");
                    primaryKey.put(r.getInt("KEY_SEQ"), up(r.getString("COLUMN_NAME")));
                }
            }
            if (!primaryKey.isEmpty()) {
                lines.add(up(table) + " PRIMARY KEY " + (primaryKeyNames ? up(primaryKeyName) + " " : "")
                        + primaryKey.values());
            }
            Map<String, Map<Integer, String>> indexes = new TreeMap<>();
            Map<String, Boolean> unique = new TreeMap<>();
            try (ResultSet r = md.getIndexInfo(null, schema, table, false, false)) {
                while (r.next()) {
                    String name = r.getString("INDEX_NAME");
                    if (name == null || name.equals(primaryKeyName) || generated(name)) {
                        continue;
                    }
                    indexes.computeIfAbsent(up(name), n -> new TreeMap<>())
                            .put((int) r.getShort("ORDINAL_POSITION"), up(r.getString("COLUMN_NAME")));
                    unique.put(up(name), !r.getBoolean("NON_UNIQUE"));
                }
            }
            indexes.forEach((name, columns) -> lines.add(up(table) + (unique.get(name) ? " UNIQUE INDEX " : " INDEX ")
                    + name + " " + columns.values()));
            try (ResultSet r = md.getImportedKeys(null, schema, table)) {
                while (r.next()) {
                    lines.add(up(table) + " FOREIGN KEY " + up(r.getString("FKCOLUMN_NAME")) + " -> "
                            + up(r.getString("PKTABLE_NAME")) + "." + up(r.getString("PKCOLUMN_NAME")));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    static List<String> tables(DatabaseMetaData md, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet r = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME");
                String upper = up(name);
                if (!upper.startsWith("DATABASECHANGELOG") && !upper.startsWith("WLP")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** Derby names the index behind a primary key or unique constraint itself (SQL followed by digits). */
    private static boolean generated(String indexName) {
        return indexName.matches("SQL\\d+.*");
    }

    private static String up(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
