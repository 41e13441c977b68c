package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.jdbc.JdbcAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The JDBC sink is off unless {@code http-audit.jdbc.enabled=true}; on, a bad value or a
 * missing database stops start-up with a message naming the property.
 */
class StarterJdbcPropertiesTest {

    static {
        AuditLog.useFolder("StarterJdbcPropertiesTest");
    }

    @Test
    void offByDefault() {
        try (ConfigurableApplicationContext context = start("server.port=0")) {
            assertThat(context.getBeansOfType(JdbcAuditSink.class)).isEmpty();
        }
    }

    @Test
    void enabledWithoutAnyDatabaseFailsNamingWhatToSet() {
        assertThatThrownBy(() -> start("server.port=0", "http-audit.jdbc.enabled=true").close())
                .hasStackTraceContaining("http-audit.jdbc.enabled")
                .hasStackTraceContaining("set http-audit.jdbc.url");
    }

    @Test
    void aBadBatchSizeFailsNamingTheProperty() {
        assertThatThrownBy(() -> start("server.port=0", "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.url=jdbc:h2:mem:props", "http-audit.jdbc.batch-size=0").close())
                .hasStackTraceContaining("http-audit.jdbc.batch-size")
                .hasStackTraceContaining("batch size must be at least 1");
    }

    @Test
    void aTableNameThatIsNotANameIsRefused() {
        assertThatThrownBy(() -> start("server.port=0", "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.url=jdbc:h2:mem:props2", "http-audit.jdbc.table=audit; DROP TABLE users").close())
                .hasStackTraceContaining("http-audit.jdbc.table")
                .hasStackTraceContaining("not a table name");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(AuditTestApplication.class).properties(properties).run();
    }
}
