package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the JDBC sink does on every database it supports, through real HTTP into a real
 * database, checked with SQL over what it wrote. Each test has a table of its own.
 */
abstract class JdbcSinkContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A data source on the database under test. */
    abstract DataSource dataSource();

    abstract JdbcDialect dialect();

    /** The requests of the bulk test (10,000 where the issue asks for them). */
    abstract int bulkRequests();

    /** Extra checks of the bulk test's table (PostgreSQL: the jsonb column queried in SQL). */
    void assertBulkTable(String table, int created) throws SQLException {
    }

    static String newTable() {
        return "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    JdbcAuditSink.Builder sink(String table) {
        return JdbcAuditSink.builder(dataSource()).table(table).initializeSchema(true)
                .flushInterval(Duration.ofMillis(50))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofSeconds(60));
    }

    @Test
    void everyRequestThroughARealServerBecomesOneRowWithItsColumnsAndNoSecret() throws Exception {
        String table = newTable();
        int requests = bulkRequests();
        JdbcAuditSink sink = sink(table).queueCapacity(requests).overflow(AsyncAuditSink.Overflow.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (AuditedApp app = AuditedApp.start(sink)) {
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    int id = i;
                    statuses.add(clients.submit(() -> {
                        HttpResponse<String> response = id % 5 == 0 ? app.postOrder(id, "user" + id % 7)
                                : id % 50 == 1 ? app.fail("user" + id % 7) : app.getOrder(id, "user" + id % 7);
                        if (response.statusCode() == 201) {
                            created.incrementAndGet();
                        } else if (response.statusCode() == 500) {
                            failed.incrementAndGet();
                        }
                        return response.statusCode();
                    }));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get()).isIn(200, 201, 500);
                }
            } finally {
                clients.shutdown();
            }
        }
        assertThat(sink.counters().written()).isEqualTo(requests);
        assertThat(sink.counters().dropped() + sink.counters().failed()).isZero();
        assertThat(count(table, "1 = 1")).isEqualTo(requests);
        assertThat(count(table, "status_code = 201")).isEqualTo(created.get());
        assertThat(count(table, "route = '/orders/{id}' AND method = 'GET' AND outcome = 'success'"))
                .isEqualTo(requests - created.get() - failed.get());
        assertThat(count(table, "status_code = 500 AND outcome = 'failure' AND path = '/fail'"))
                .isEqualTo(failed.get()).isPositive();
        assertThat(count(table, "user_name = 'user3' AND client_ip = '127.0.0.1'")).isGreaterThan(0);
        assertThat(count(table, "correlation_id = 'corr-7' AND path = '/orders/7'")).isEqualTo(1);
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            Set<Long> sequences = new HashSet<>();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(rows.getString(c)).append('|');
                }
                assertThat(row).doesNotContain(AuditedApp.SECRET_TOKEN).doesNotContain(AuditedApp.SECRET_PASSWORD);
                JsonNode event = JSON.readTree(rows.getString("event"));
                assertThat(event.path("event").path("id").asString()).isEqualTo(rows.getString("event_id"));
                assertThat(event.path("http").path("response").path("status_code").asInt())
                        .isEqualTo(rows.getInt("status_code"));
                sequences.add(rows.getLong("event_sequence"));
            }
            assertThat(sequences).hasSize(requests);
        }
        assertBulkTable(table, created.get());
    }

    @Test
    void theEventColumnHoldsTheJsonTheJsonLinesSinkWrites() throws Exception {
        String table = newTable();
        JdbcAuditSink sink = sink(table).build();
        InMemoryAuditSink memory = InMemoryAuditSink.create();
        try (AuditedApp app = AuditedApp.start(CompositeAuditSink.of(sink, memory))) {
            for (int i = 0; i < 20; i++) {
                assertThat((i % 2 == 0 ? app.postOrder(i, "ann") : app.getOrder(i, "bob")).statusCode()).isIn(200, 201);
            }
        }
        assertThat(memory.events()).hasSize(20);
        for (AuditEvent event : memory.events()) {
            String expected = EventJsonWriter.instance().toJson(event);
            String stored = eventText(table, event.id());
            // jsonb keeps the document, not its text (key order, spacing): compare as JSON.
            assertThat(JSON.readTree(stored)).isEqualTo(JSON.readTree(expected));
            if (dialect() == JdbcDialect.H2) {
                assertThat(stored).isEqualTo(expected);
            }
        }
    }

    @Test
    void anEventWrittenAgainIsStoredOnce() throws Exception {
        String table = newTable();
        AuditEvent event = event(Instant.now(), "/again");
        JdbcAuditSink sink = sink(table).build();
        sink.write(event);
        sink.write(event);
        sink.write(event(Instant.now(), "/other"));
        sink.close();
        assertThat(sink.counters().written()).isEqualTo(3);
        assertThat(count(table, "1 = 1")).isEqualTo(2);
        assertThat(count(table, "event_id = '" + event.id() + "'")).isEqualTo(1);
    }

    @Test
    void aNulCharacterInTheDataIsStoredAsTheReplacementCharacter() throws Exception {
        String table = newTable();
        AuditEvent event = AuditEvent.builder()
                .timing(Instant.now(), Instant.now(), 1000)
                .outcome(Outcome.SUCCESS)
                .request(new AuditRequest("id\u0000x", "GET", null, Map.of(), Body.sizeOnly(0)))
                .response(new AuditResponse(200, null, Map.of(), Body.sizeOnly(0)))
                .url(new UrlInfo("/nul\u0000path", null, "http", "localhost", 80))
                .userAgent("agent\u0000\\u0000")
                .build();
        JdbcAuditSink sink = sink(table).build();
        sink.write(event);
        sink.close();
        assertThat(sink.counters().written()).isEqualTo(1);
        assertThat(count(table, "path = '/nul\uFFFDpath'")).isEqualTo(1);
        JsonNode stored = JSON.readTree(eventText(table, event.id()));
        // On PostgreSQL (whose jsonb cannot hold NUL) the NUL became U+FFFD, on H2 it is kept; the
        // literal text "\u0000" (a backslash, then u0000) is kept as it was on both.
        assertThat(stored.path("user_agent").path("original").asString())
                .isEqualTo(dialect() == JdbcDialect.POSTGRESQL ? "agent\uFFFD\\u0000" : "agent\u0000\\u0000");
    }

    @Test
    void retentionPurgesExactlyTheRowsOlderThanTheRetentionInBatches() throws Exception {
        String table = newTable();
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Instant cutoff = now.minus(Duration.ofDays(90));
        JdbcAuditSink sink = sink(table).batchSize(100).build();
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < 249; i++) {
            sink.write(event(cutoff.minus(Duration.ofDays(1 + i % 300)), "/old"));
        }
        sink.write(event(cutoff.minusSeconds(1), "/old"));
        for (int i = 0; i < 29; i++) {
            AuditEvent recent = event(now.minus(Duration.ofDays(i)), "/recent");
            kept.add(recent.id());
            sink.write(recent);
        }
        AuditEvent atEdge = event(cutoff.plusSeconds(1), "/recent");
        kept.add(atEdge.id());
        sink.write(atEdge);
        sink.close();
        assertThat(count(table, "1 = 1")).isEqualTo(280);

        JdbcRetention.Result result = JdbcRetention.builder(dataSource(), Duration.ofDays(90)).table(table)
                .batchSize(100).pause(Duration.ZERO).clock(Clock.fixed(now, ZoneOffset.UTC)).build().purge();

        assertThat(result.deleted()).isEqualTo(250);
        assertThat(result.batches()).isEqualTo(3); // 100 + 100 + 50
        assertThat(count(table, "path = '/old'")).isZero();
        assertThat(ids(table)).isEqualTo(kept);
    }

    @Test
    void initializeSchemaCreatesTheTableAndItsIndexesAndCanRunAgain() throws Exception {
        String table = newTable();
        for (int run = 0; run < 2; run++) {
            JdbcAuditSink sink = sink(table).build();
            sink.write(event(Instant.now(), "/run" + run));
            sink.close();
            assertThat(sink.counters().written()).isEqualTo(1);
        }
        assertThat(count(table, "1 = 1")).isEqualTo(2);
        Set<String> indexed = new HashSet<>();
        try (Connection connection = dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
            try (ResultSet indexes = meta.getIndexInfo(null, null, name, false, false)) {
                while (indexes.next()) {
                    if (indexes.getShort("ORDINAL_POSITION") == 1) {
                        indexed.add(indexes.getString("COLUMN_NAME").toLowerCase());
                    }
                }
            }
        }
        assertThat(indexed).contains("event_id", "event_time", "correlation_id", "user_name", "route", "path",
                "status_code", "outcome", "client_ip", "service_name");
    }

    // --- helpers ---

    static AuditEvent event(Instant end, String path) {
        return AuditEvent.builder()
                .timing(end.minusMillis(5), end, 5_000_000)
                .outcome(Outcome.SUCCESS)
                .request(new AuditRequest(null, "GET", null, Map.of(), Body.sizeOnly(0)))
                .response(new AuditResponse(200, null, Map.of(), Body.sizeOnly(0)))
                .url(new UrlInfo(path, null, "http", "localhost", 80))
                .build();
    }

    long count(String table, String where) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    Set<String> ids(String table) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_id FROM " + table)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    String eventText(String table, String id) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT event FROM " + table + " WHERE event_id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("row of event " + id).isTrue();
                return rows.getString(1);
            }
        }
    }

    void awaitRows(String table, long rows) {
        // the table appears with the first batch: until then the count fails
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count(table, "1 = 1") >= rows);
    }
}
