package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.jdbc.JdbcAuditSink;
import dev.httpaudit.jdbc.JdbcRetention;
import dev.httpaudit.spring.jdbc.HttpAuditJdbcAutoConfiguration;
import dev.httpaudit.spring.jdbc.HttpAuditJdbcProperties;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
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

    /** Every default the metadata (what IDEs show) states for http-audit.jdbc.* is the value the class binds. */
    @Test
    void statedDefaultsAreTheValuesTheSinkBinds() throws Exception {
        HttpAuditJdbcProperties unset = new HttpAuditJdbcProperties();
        List<String> checked = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : AuditLog.STRICT.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (!property.path("sourceType").asString().equals(HttpAuditJdbcProperties.class.getName())) {
                        continue;
                    }
                    Object codeDefault = valueOf(unset, name);
                    JsonNode stated = property.path("defaultValue");
                    if (stated.isMissingNode()) {
                        assertThat(codeDefault).as(name + " states no default").isNull();
                        continue;
                    }
                    HttpAuditJdbcProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(name, stated.asString())))
                            .bind("http-audit.jdbc", HttpAuditJdbcProperties.class).get();
                    assertThat(valueOf(bound, name)).as(name + " = " + stated).isEqualTo(codeDefault);
                    checked.add(name);
                }
            }
        }
        assertThat(checked).contains("http-audit.jdbc.enabled", "http-audit.jdbc.table", "http-audit.jdbc.batch-size",
                "http-audit.jdbc.flush-interval", "http-audit.jdbc.overflow", "http-audit.jdbc.purge-interval");
    }

    private static Object valueOf(HttpAuditJdbcProperties properties, String property) {
        String[] words = property.substring("http-audit.jdbc.".length()).split("-");
        StringBuilder path = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            path.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return PropertyAccessorFactory.forBeanPropertyAccess(properties).getPropertyValue(path.toString());
    }

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
