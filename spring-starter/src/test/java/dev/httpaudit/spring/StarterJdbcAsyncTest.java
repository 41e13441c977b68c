package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code http-audit.async.enabled=true} beside the JDBC sink: the JDBC sink is a queue of its
 * own, so the pipeline's queue goes beside it, not in front of it. A sink stalled behind the
 * pipeline's queue (here one held on a latch, as a slow log shipper would be) therefore does not
 * hold up the database: the rows are written while it waits, and it gets its events afterwards.
 */
@SpringBootTest(classes = {AuditTestApplication.class, StarterJdbcAsyncTest.StalledSink.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.async.enabled=true",
                "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.url=jdbc:h2:mem:starter-async;DB_CLOSE_DELAY=-1",
                "http-audit.jdbc.username=sa",
                "http-audit.jdbc.initialize-schema=true",
                "http-audit.jdbc.flush-interval=20ms"})
class StarterJdbcAsyncTest {

    static {
        AuditLog.useFolder("StarterJdbcAsyncTest");
    }

    /** An application's sink whose writes wait on a latch: it holds the pipeline queue's writer thread. */
    @Configuration(proxyBeanMethods = false)
    static class StalledSink {
        static final CountDownLatch GATE = new CountDownLatch(1);
        static final InMemoryAuditSink WRITTEN = InMemoryAuditSink.create();

        @Bean
        AuditSink stalledSink() {
            return new AuditSink() {
                @Override
                public void write(AuditEvent event) {
                    try {
                        GATE.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    WRITTEN.write(event);
                }
            };
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @Test
    void theJdbcSinkWritesItsRowsWhileASinkBehindThePipelinesQueueIsStalled() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:starter-async");
        database.setUser("sa");
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                String id = Http.newId();
                ids.add(id);
                assertThat(new Http(port).get("/api/orders/" + i, id).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> rows(database, ids) == 5);
            assertThat(StalledSink.WRITTEN.size()).as("the stalled sink has written nothing yet").isZero();
        } finally {
            StalledSink.GATE.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> StalledSink.WRITTEN.size() == 5);
        assertThat(StalledSink.WRITTEN.events()).extracting(event -> event.request().id()).containsExactlyElementsOf(ids);
        // Both sinks count their own delivery: five events each, nothing dropped.
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.counters().written() == 10);
        assertThat(pipeline.counters().dropped() + pipeline.counters().failed()).isZero();
    }

    private static long rows(JdbcDataSource database, List<String> correlationIds) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM http_audit_event WHERE correlation_id IN (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < correlationIds.size(); i++) {
                select.setString(i + 1, correlationIds.get(i));
            }
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
