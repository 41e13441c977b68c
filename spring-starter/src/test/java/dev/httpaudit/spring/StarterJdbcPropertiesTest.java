package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.jdbc.JdbcAuditSink;
import dev.httpaudit.jdbc.JdbcRetention;
import dev.httpaudit.spring.jdbc.HttpAuditJdbcAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The JDBC sink is off unless {@code http-audit.jdbc.enabled=true}, and off with the whole
 * starter ({@code http-audit.enabled=false}); on, a bad value or a missing database stops
 * start-up with a message naming the property.
 */
class StarterJdbcPropertiesTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class, HttpAuditJdbcAutoConfiguration.class));

    @Test
    void offByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AuditPipeline.class);
            assertThat(context).doesNotHaveBean(JdbcAuditSink.class);
        });
    }

    @Test
    void offWhenTheStarterIsOff() {
        runner.withPropertyValues("http-audit.enabled=false", "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.url=jdbc:h2:mem:props-off").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(JdbcAuditSink.class);
                });
    }

    @Test
    void onWithADedicatedDatabaseAndNoRetentionUnlessAsked() {
        runner.withPropertyValues("http-audit.jdbc.enabled=true", "http-audit.jdbc.url=jdbc:h2:mem:props-on",
                "http-audit.jdbc.overflow=block", "http-audit.jdbc.queue-capacity=7").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcAuditSink.class);
                    assertThat(context.getBean(JdbcAuditSink.class).queueCapacity()).isEqualTo(7);
                    assertThat(context).doesNotHaveBean(JdbcRetention.class);
                });
    }

    @Test
    void enabledWithoutAnyDatabaseFailsNamingWhatToSet() {
        runner.withPropertyValues("http-audit.jdbc.enabled=true").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("http-audit.jdbc.enabled")
                        .hasStackTraceContaining("set http-audit.jdbc.url"));
    }

    @Test
    void aBadBatchSizeFailsNamingTheProperty() {
        runner.withPropertyValues("http-audit.jdbc.enabled=true", "http-audit.jdbc.url=jdbc:h2:mem:props",
                "http-audit.jdbc.batch-size=0").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("http-audit.jdbc.batch-size")
                        .hasStackTraceContaining("batch size must be at least 1"));
    }

    @Test
    void aTableNameThatIsNotANameIsRefused() {
        runner.withPropertyValues("http-audit.jdbc.enabled=true", "http-audit.jdbc.url=jdbc:h2:mem:props2",
                "http-audit.jdbc.table=audit; DROP TABLE users").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("http-audit.jdbc.table")
                        .hasStackTraceContaining("not a table name"));
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefused() {
        runner.withPropertyValues("http-audit.jdbc.enabled=true", "http-audit.jdbc.url=jdbc:h2:mem:props3",
                "http-audit.jdbc.retention=0s").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("http-audit.jdbc.retention")
                        .hasStackTraceContaining("positive"));
    }
}
