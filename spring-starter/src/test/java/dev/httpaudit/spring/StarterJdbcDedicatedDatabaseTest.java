package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.jdbc.JdbcAuditSink;
import dev.httpaudit.jdbc.JdbcRetention;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A database of the audit trail's own ({@code http-audit.jdbc.url}), in an application that has
 * no DataSource: the sink writes to the table of {@code http-audit.jdbc.table} there, the
 * retention purge runs when {@code http-audit.jdbc.retention} is set, and the pool is not a
 * DataSource bean the application could pick up by mistake.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.url=jdbc:h2:mem:starter-dedicated;DB_CLOSE_DELAY=-1",
                "http-audit.jdbc.username=sa",
                "http-audit.jdbc.table=audit_trail",
                "http-audit.jdbc.initialize-schema=true",
                "http-audit.jdbc.flush-interval=20ms",
                "http-audit.jdbc.batch-size=50",
                "http-audit.jdbc.queue-capacity=100",
                "http-audit.jdbc.retention=90d"})
class StarterJdbcDedicatedDatabaseTest {

    static {
        AuditLog.useFolder("StarterJdbcDedicatedDatabaseTest");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcAuditSink sink;

    @Test
    void eventsGoToTheConfiguredTableOfTheDedicatedDatabaseWithRetentionOn() throws Exception {
        String id = Http.newId();
        assertThat(new Http(port).get("/api/orders/42", id).statusCode()).isEqualTo(200);
        JsonNode line = AuditLog.audit().awaitRequest(id);

        JdbcDataSource sameDatabase = new JdbcDataSource();
        sameDatabase.setURL("jdbc:h2:mem:starter-dedicated");
        sameDatabase.setUser("sa");
        String eventId = line.path("event").path("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> StarterJdbcSinkTest.rowStatus(sameDatabase, "audit_trail", eventId) != null);
        assertThat(StarterJdbcSinkTest.rowStatus(sameDatabase, "audit_trail", eventId)).isEqualTo(200);

        assertThat(sink.table()).isEqualTo("audit_trail");
        assertThat(sink.queueCapacity()).isEqualTo(100);
        assertThat(context.getBeansOfType(JdbcRetention.class)).hasSize(1);
        assertThat(context.getBeansOfType(DataSource.class)).as("no DataSource bean for the application").isEmpty();
    }
}
