package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC sink on a real PostgreSQL server (Debian's binaries, started in a temporary folder
 * on a free port for this class, stopped after it).
 */
class PostgresJdbcSinkTest extends JdbcSinkFailureContract {

    private static PostgresServer server;
    private static boolean running;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
        running = true;
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    DataSource dataSource() {
        return server.dataSource();
    }

    @Override
    JdbcDialect dialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Override
    int bulkRequests() {
        return 10_000;
    }

    @Override
    void stopDatabase() throws Exception {
        server.stop();
        running = false;
    }

    @Override
    void startDatabase() throws Exception {
        server.startAgain();
        running = true;
    }

    @Override
    boolean databaseRunning() {
        return running;
    }

    /** The jsonb column answers questions in SQL, the same as the columns. */
    @Override
    void assertBulkTable(String table, int created) throws SQLException {
        assertThat(count(table, "event->'http'->'response'->>'status_code' = '201'")).isEqualTo(created);
        assertThat(count(table, "event->'http'->'request'->>'method' = 'POST'")).isEqualTo(created);
        assertThat(count(table, "jsonb_typeof(event) = 'object' AND event->'event'->>'id' = event_id"))
                .isEqualTo(count(table, "1 = 1"));
        assertThat(count(table, "event::text LIKE '%" + AuditedApp.SECRET_PASSWORD + "%'"
                + " OR event::text LIKE '%" + AuditedApp.SECRET_TOKEN + "%'")).isZero();
    }

    @Test
    void aLockHeldOnTheTableSlowsNoRequestAndTheEventsFollowOnceItIsReleased() throws Exception {
        String table = newTable();
        JdbcAuditSink sink = sink(table).build();
        try (AuditedApp app = AuditedApp.start(sink)) {
            assertThat(send(app, 0, 1)).isEqualTo(1);
            awaitRows(table, 1);
            try (Connection locker = dataSource().getConnection()) {
                locker.setAutoCommit(false);
                try (Statement lock = locker.createStatement()) {
                    // EXCLUSIVE: inserts wait, reads (the count below) do not.
                    lock.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
                }
                assertThat(send(app, 1, 100)).isEqualTo(100);
                Thread.sleep(500);
                assertThat(count(table, "1 = 1")).isEqualTo(1);
                assertThat(sink.counters().written()).isEqualTo(1);
                locker.commit();
            }
            awaitRows(table, 101);
        }
        assertThat(sink.counters().written()).isEqualTo(101);
        assertThat(sink.counters().dropped() + sink.counters().failed()).isZero();
        assertThat(count(table, "1 = 1")).isEqualTo(101);
    }

    @Test
    void aSchemaQualifiedTableGetsItsIndexesInItsSchema() throws Exception {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS audit");
        }
        String table = "audit." + newTable();
        JdbcAuditSink sink = sink(table).build();
        sink.write(event(java.time.Instant.now(), "/qualified"));
        sink.close();
        assertThat(sink.counters().written()).isEqualTo(1);
        assertThat(count(table, "path = '/qualified'")).isEqualTo(1);
        String unqualified = table.substring("audit.".length());
        assertThat(countIndexes("audit", unqualified)).isEqualTo(10); // the key and nine indexes
    }

    private long countIndexes(String schema, String table) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
                     + "' AND tablename = '" + table + "' AND indexname LIKE '" + table + "%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
