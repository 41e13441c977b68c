package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.jdbc.JdbcAuditSink;
import dev.httpaudit.jdbc.JdbcRetention;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * {@code http-audit.jdbc.enabled=true} with the application's own {@link DataSource} (an H2
 * database here): every audited exchange becomes a row of the table, created at start-up, and
 * the default SLF4J sink still writes its line: the JDBC sink adds to it.
 */
@SpringBootTest(classes = {AuditTestApplication.class, StarterJdbcSinkTest.ApplicationDatabase.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.initialize-schema=true",
                "http-audit.jdbc.flush-interval=20ms"})
class StarterJdbcSinkTest {

    static {
        AuditLog.useFolder("StarterJdbcSinkTest");
    }

    /** The application's database, as an application declares it. */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationDatabase {
        @Bean
        DataSource applicationDataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:starter-app;DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource applicationDataSource;

    @Test
    void anExchangeBecomesARowInTheApplicationsDatabaseAndTheSlf4jLineIsStillWritten() throws Exception {
        String id = Http.newId();
        assertThat(new Http(port).postJson("/api/orders", id, "{\"item\":\"pen\"}").statusCode()).isEqualTo(201);

        JsonNode line = AuditLog.audit().awaitRequest(id);
        String eventId = line.path("event").path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> rowStatus(applicationDataSource, "http_audit_event", eventId) != null);
        assertThat(rowStatus(applicationDataSource, "http_audit_event", eventId)).isEqualTo(201);

        Map<String, AuditSink> sinks = context.getBeansOfType(AuditSink.class);
        assertThat(sinks.values()).hasAtLeastOneElementOfType(Slf4jAuditSink.class)
                .hasAtLeastOneElementOfType(JdbcAuditSink.class);
        assertThat(context.getBeansOfType(JdbcRetention.class)).as("retention is off by default").isEmpty();
    }

    /** The status_code column of the event's row, or null when it is not there (yet). */
    static Integer rowStatus(DataSource dataSource, String table, String eventId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT status_code FROM " + table + " WHERE event_id = ? AND correlation_id IS NOT NULL")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getInt(1) : null;
            }
        } catch (java.sql.SQLException e) {
            return null; // table not created yet
        }
    }
}
