package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ClientInfo;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.sink.AsyncAuditSink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the JDBC sink into a real PostgreSQL (fsync on, as in production): how many
 * events a second one sink gets committed, from the first write to {@code close()} returning
 * with every event in the table. Not part of the test run (no {@code Test} suffix); run with
 *
 * <pre>
 * ./mvnw -o -q -pl jdbc-sink -am test -Dtest=JdbcSinkThroughput -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dhttp-audit.pg.fsync=on -Devents=20000 -Druns=5
 * </pre>
 *
 * and read target/surefire-reports/dev.httpaudit.jdbc.JdbcSinkThroughput-output.txt.
 */
class JdbcSinkThroughput {

    private static final int EVENTS = Integer.getInteger("events", 100_000);
    private static final int RUNS = Integer.getInteger("runs", 5);

    @Test
    void eventsPerSecondIntoPostgres() throws Exception {
        List<AuditEvent> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            events.add(event(i));
        }
        System.out.printf("event JSON: %d bytes; %d events per run; fsync=%s%n",
                EventJsonWriter.instance().toJsonBytes(events.get(0)).length, EVENTS,
                System.getProperty("http-audit.pg.fsync", "off"));
        try (PostgresServer server = PostgresServer.start()) {
            for (boolean rewrite : new boolean[] {false, true}) {
                for (int batch : new int[] {100, 500}) {
                    measure(server, events, batch, rewrite);
                }
            }
        }
    }

    private static void measure(PostgresServer server, List<AuditEvent> events, int batch, boolean rewrite)
            throws Exception {
        List<Double> rates = new ArrayList<>();
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(server.jdbcUrl() + (rewrite ? "?reWriteBatchedInserts=true" : ""));
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(2);
            for (int run = 0; run <= RUNS; run++) {
                String table = "throughput_" + batch + (rewrite ? "_rw_" : "_") + run;
                try (Connection connection = pool.getConnection()) {
                    JdbcSchema.create(connection, JdbcDialect.POSTGRESQL, table);
                }
                JdbcAuditSink sink = JdbcAuditSink.builder(pool).table(table).batchSize(batch)
                        .queueCapacity(events.size()).overflow(AsyncAuditSink.Overflow.BLOCK)
                        .shutdownTimeout(Duration.ofMinutes(10)).build();
                long start = System.nanoTime();
                for (AuditEvent event : events) {
                    sink.write(event);
                }
                sink.close();
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(sink.counters().written()).isEqualTo(events.size());
                assertThat(count(pool, table)).isEqualTo(events.size());
                if (run > 0) { // run 0 warms the JIT and the server up
                    rates.add(events.size() / seconds);
                }
            }
        }
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(rates.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (rates.size() - 1));
        System.out.printf("batch-size=%d reWriteBatchedInserts=%s: %.0f events/s ± %.0f (sd, %d runs; min %.0f, max %.0f)%n",
                batch, rewrite, mean, sd, rates.size(),
                rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static long count(HikariDataSource pool, String table) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A typical API exchange: a small JSON body each way, a few headers, a user. */
    private static AuditEvent event(int i) {
        Instant end = Instant.parse("2026-12-01T10:00:00Z").plusMillis(i);
        return AuditEvent.builder()
                .timing(end.minusMillis(12), end, 12_000_000)
                .outcome(i % 20 == 0 ? Outcome.FAILURE : Outcome.SUCCESS)
                .httpVersion("1.1")
                .request(new AuditRequest("corr-" + i, "POST", "application/json",
                        Map.of("content-type", List.of("application/json"), "accept", List.of("application/json"),
                                "user-agent", List.of("curl/8.5.0"), "authorization", List.of("[REDACTED]")),
                        Body.captured(64, "{\"item\":\"book\",\"quantity\":2,\"note\":\"leave at the door " + i + "\"}", false)))
                .response(new AuditResponse(i % 20 == 0 ? 500 : 201, "application/json",
                        Map.of("content-type", List.of("application/json"), "location", List.of("/api/orders/" + i)),
                        Body.captured(48, "{\"id\":" + i + ",\"item\":\"book\",\"status\":\"new\"}", false)))
                .route("/api/orders")
                .url(new UrlInfo("/api/orders", null, "https", "shop.example.com", 443))
                .user(new UserInfo("user" + i % 100, List.of("customer")))
                .client(new ClientInfo("10.0." + i % 256 + "." + i % 200, 50000 + i % 10000))
                .serviceName("orders")
                .build();
    }
}
