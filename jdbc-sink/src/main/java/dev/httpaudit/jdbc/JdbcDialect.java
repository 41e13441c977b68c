package dev.httpaudit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the JDBC sink knows: each has its DDL in the jar
 * ({@code META-INF/http-audit/jdbc/<name>.sql}) and its idempotent insert.
 */
public enum JdbcDialect {

    /** PostgreSQL 10 or later: the event in a {@code jsonb} column, {@code INSERT ... ON CONFLICT DO NOTHING}. */
    POSTGRESQL("postgresql"),
    /** H2 2.x: the event as text (a character large object), {@code MERGE ... KEY (event_id)}. */
    H2("h2");

    private final String resourceName;

    JdbcDialect(String resourceName) {
        this.resourceName = resourceName;
    }

    /** The dialect of the database {@code connection} talks to. */
    public static JdbcDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new SQLException("http-audit's JDBC sink supports PostgreSQL and H2, not " + product, "0A000");
    }

    /** The class path resource holding this dialect's DDL. */
    public String ddlResource() {
        return "META-INF/http-audit/jdbc/" + resourceName + ".sql";
    }

    /** The insert of one row into {@code table} that does nothing when the event id is already there. */
    String insertSql(String table) {
        String columns = String.join(", ", EventRow.COLUMNS);
        String parameters = "?, ".repeat(EventRow.COLUMNS.size() - 1);
        return switch (this) {
            // No conflict target: any unique constraint holding event_id (the primary key, or
            // (event_id, event_time) on a partitioned table) makes a retried row a no-op.
            case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters
                    + "CAST(? AS jsonb)) ON CONFLICT DO NOTHING";
            case H2 -> "MERGE INTO " + table + " (" + columns + ") KEY (event_id) VALUES (" + parameters + "?)";
        };
    }

    /** Deletes at most {@code ?2} rows older than {@code ?1} (one small batch of the purge). */
    String purgeSql(String table) {
        return "DELETE FROM " + table + " WHERE event_id IN (SELECT event_id FROM " + table
                + " WHERE event_time < ? LIMIT ?)";
    }
}
