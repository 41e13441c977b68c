package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.sink.AsyncAuditSink;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDBC sink when its database goes away, on a database server the test can stop and
 * start: the application's responses are unchanged and served while the database is away,
 * events wait in the queue and are written once it is back, none twice; beyond the queue's
 * bound they are dropped and counted.
 */
abstract class JdbcSinkFailureContract extends JdbcSinkContract {

    abstract void stopDatabase() throws Exception;

    abstract void startDatabase() throws Exception;

    abstract boolean databaseRunning();

    @AfterEach
    void databaseBackUp() throws Exception {
        if (!databaseRunning()) {
            startDatabase();
        }
    }

    @Test
    void databaseStoppedMidStreamAndStartedAgainWithBlockLosesNothingAndStoresNothingTwice() throws Exception {
        String table = newTable();
        int perPhase = 300;
        JdbcAuditSink sink = sink(table).overflow(AsyncAuditSink.Overflow.BLOCK).blockTimeout(Duration.ofSeconds(30))
                .queueCapacity(4 * perPhase).build();
        int servedWhileDown;
        try (AuditedApp app = AuditedApp.start(sink)) {
            send(app, 0, perPhase);
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.counters().written() > 0);
            stopDatabase();
            servedWhileDown = send(app, perPhase, perPhase);
            Thread.sleep(3000); // several seconds down, the writer retrying
            assertThat(databaseRunning()).isFalse();
            startDatabase();
            send(app, 2 * perPhase, perPhase);
        }
        assertThat(servedWhileDown).isEqualTo(perPhase);
        assertThat(sink.counters().written()).isEqualTo(3L * perPhase);
        assertThat(sink.counters().dropped()).isZero();
        assertThat(sink.counters().failed()).isZero();
        assertThat(count(table, "1 = 1")).isEqualTo(3L * perPhase);
        assertThat(count(table, "correlation_id LIKE 'corr-%'")).isEqualTo(3L * perPhase);
        for (int id : new int[] {0, perPhase - 1, perPhase, 2 * perPhase - 1, 2 * perPhase, 3 * perPhase - 1}) {
            assertThat(count(table, "correlation_id = 'corr-" + id + "'")).as("event of request " + id).isEqualTo(1);
        }
    }

    @Test
    void databaseDownAtStartTheAppServesAndTheQueuedEventsAreWrittenWhenItComesUp() throws Exception {
        String table = newTable();
        stopDatabase();
        JdbcAuditSink sink = sink(table).build();
        int served;
        try (AuditedApp app = AuditedApp.start(sink)) {
            served = send(app, 0, 50);
            assertThat(sink.counters().written()).isZero();
            startDatabase();
            awaitRows(table, 50);
        }
        assertThat(served).isEqualTo(50);
        assertThat(sink.counters().written()).isEqualTo(50);
        assertThat(count(table, "1 = 1")).isEqualTo(50);
    }

    @Test
    void eventsBeyondTheQueueBoundWhileTheDatabaseIsDownAreDroppedAndCounted() throws Exception {
        String table = newTable();
        int queue = 20;
        int batch = 10;
        int requests = 100;
        JdbcAuditSink sink = sink(table).queueCapacity(queue).batchSize(batch).build();
        int served;
        AuditCounters pipeline;
        try (AuditedApp app = AuditedApp.start(sink)) {
            pipeline = app.pipeline().counters();
            stopDatabase();
            served = send(app, 0, requests);
            startDatabase();
        }
        long written = sink.counters().written();
        // The pipeline reports the sink's own delivery (deliveryCounters()), not "handed over".
        assertThat(pipeline.written()).isEqualTo(written);
        assertThat(pipeline.dropped()).isEqualTo(requests - written);
        assertThat(served).isEqualTo(requests);
        // At most the queue and the batch in the writer's hand survive the outage (the queue hands
        // its writer batches of the sink's batch size, and the batch writer holds one of them).
        assertThat(written).isPositive().isLessThanOrEqualTo(queue + batch);
        assertThat(sink.counters().dropped()).isEqualTo(requests - written);
        assertThat(sink.counters().failed()).isZero();
        assertThat(count(table, "1 = 1")).isEqualTo(written);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
    void closeWhileTheDatabaseIsDownStopsTheRetriesAndCountsTheBatchInHandAsDropped() throws Exception {
        String table = newTable();
        stopDatabase();
        // a pause between retries far longer than the test: only the interrupt of close() ends it
        JdbcAuditSink sink = sink(table).retryBackoff(Duration.ofMinutes(5), Duration.ofMinutes(5))
                .shutdownTimeout(Duration.ofMillis(200)).build();
        for (int i = 0; i < 5; i++) {
            sink.write(event(Instant.now(), "/down"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.queueDepth() == 0); // the batch is in the writer's hand
        sink.close();
        assertThat(sink.counters().dropped()).isEqualTo(5);
        assertThat(sink.counters().written() + sink.counters().failed()).isZero();
    }

    /** Sends {@code n} GET requests numbered from {@code first}; returns how many answered 200 with the order. */
    static int send(AuditedApp app, int first, int n) throws Exception {
        int ok = 0;
        for (int id = first; id < first + n; id++) {
            var response = app.getOrder(id, "user" + id % 3);
            if (response.statusCode() == 200 && response.body().equals("{\"order\":\"" + id + "\",\"status\":\"open\"}")) {
                ok++;
            }
        }
        return ok;
    }
}
