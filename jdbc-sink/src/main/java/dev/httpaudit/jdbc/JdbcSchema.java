package dev.httpaudit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit table's DDL, as shipped in the jar for each {@link JdbcDialect}
 * ({@code META-INF/http-audit/jdbc/postgresql.sql}, {@code h2.sql}), for a given table name.
 * Every statement is {@code CREATE ... IF NOT EXISTS}: applying it again changes nothing.
 */
public final class JdbcSchema {

    /** The table of the shipped DDL, and the default of {@code http-audit.jdbc.table}. */
    public static final String DEFAULT_TABLE = "http_audit_event";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Pattern CONSTRAINT_NAME = Pattern.compile("\\b" + DEFAULT_TABLE + "_(\\w+)");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("\\b" + DEFAULT_TABLE + "\\b");

    private JdbcSchema() {
    }

    /**
     * {@code table} if it is a plain SQL name, optionally schema-qualified ({@code audit.events});
     * anything else is refused, because it goes into SQL text.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static String checkTableName(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name (letters, digits and _, optionally schema.table): "
                    + table);
        }
        return table;
    }

    /** The DDL statements for {@code table}: index and constraint names follow the table's own name. */
    public static List<String> statements(JdbcDialect dialect, String table) {
        checkTableName(table);
        String unqualified = table.substring(table.indexOf('.') + 1);
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : shippedDdl(dialect).split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String statement = current.toString().strip();
                statement = statement.substring(0, statement.length() - 1);
                // Index and constraint names are not schema-qualified: they live in the table's schema.
                statement = CONSTRAINT_NAME.matcher(statement).replaceAll(Matcher.quoteReplacement(unqualified) + "_$1");
                statement = TABLE_REFERENCE.matcher(statement).replaceAll(Matcher.quoteReplacement(table));
                statements.add(statement);
                current.setLength(0);
            }
        }
        return List.copyOf(statements);
    }

    /** Applies the DDL for {@code table} on {@code connection}, committing if it is not in auto-commit. */
    public static void create(Connection connection, JdbcDialect dialect, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(dialect, table)) {
                statement.execute(sql);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The DDL file of {@code dialect} exactly as shipped (for table {@value #DEFAULT_TABLE}). */
    public static String shippedDdl(JdbcDialect dialect) {
        try (InputStream in = JdbcSchema.class.getClassLoader().getResourceAsStream(dialect.ddlResource())) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + dialect.ddlResource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
