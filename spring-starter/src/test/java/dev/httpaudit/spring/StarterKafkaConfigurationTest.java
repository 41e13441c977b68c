package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.kafka.KafkaAuditSink;
import dev.httpaudit.spring.kafka.HttpAuditKafkaAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * When the Kafka sink is configured, and that it adds to the sinks rather than replacing the
 * default; bad {@code http-audit.kafka.*} values stop start-up naming the property. No broker
 * here: nothing listens at the bootstrap address, and the sink does not wait for one.
 */
class StarterKafkaConfigurationTest {

    private static final String NOWHERE = "http-audit.kafka.bootstrap-servers=127.0.0.1:9";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class, HttpAuditKafkaAutoConfiguration.class))
            .withPropertyValues("http-audit.kafka.startup-wait=0s", "http-audit.kafka.close-timeout=0s");

    @Test
    void withoutBootstrapServersThereIsNoKafkaSink() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(KafkaAuditSink.class);
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);
        });
    }

    @Test
    void bootstrapServersAddTheKafkaSinkBesideTheSlf4jSink() {
        runner.withPropertyValues(NOWHERE, "http-audit.kafka.topic=audit-orders").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);
            assertThat(context).hasSingleBean(KafkaAuditSink.class);
            assertThat(context.getBean(KafkaAuditSink.class).topic()).isEqualTo("audit-orders");
            assertThat(context.getBean(KafkaAuditSink.class).key())
                    .isEqualTo(java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
            AuditSink sink = context.getBean(AuditPipeline.class).sink();
            assertThat(sink).isInstanceOf(CompositeAuditSink.class);
            assertThat(((CompositeAuditSink) sink).sinks()).hasSize(2);
        });
    }

    @Test
    void anApplicationSinkStillReplacesTheSlf4jSinkAndKafkaIsAddedToIt() {
        runner.withPropertyValues(NOWHERE).withBean(InMemoryAuditSink.class, InMemoryAuditSink::create).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(Slf4jAuditSink.class);
            assertThat(context).hasSingleBean(KafkaAuditSink.class);
            assertThat(((CompositeAuditSink) context.getBean(AuditPipeline.class).sink()).sinks()).hasSize(2);
        });
    }

    @Test
    void anEmptyTopicStopsStartup() {
        runner.withPropertyValues(NOWHERE, "http-audit.kafka.topic=").run(failsNaming("http-audit.kafka.topic"));
    }

    @Test
    void aBlankBootstrapServersStopsStartup() {
        runner.withPropertyValues("http-audit.kafka.bootstrap-servers= ").run(failsNaming("http-audit.kafka.bootstrap-servers"));
    }

    @Test
    void aNegativeStartupWaitStopsStartup() {
        runner.withPropertyValues(NOWHERE, "http-audit.kafka.startup-wait=-1s").run(failsNaming("http-audit.kafka.startup-wait"));
    }

    @Test
    void auditingOffMeansNoKafkaSinkEither() {
        runner.withPropertyValues(NOWHERE, "http-audit.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(KafkaAuditSink.class);
        });
    }

    private static ContextConsumer<AssertableWebApplicationContext> failsNaming(String property) {
        return context -> {
            assertThat(context).hasFailed();
            String report = StartupReport.of(context.getStartupFailure());
            assertThat(report).as("Boot's start-up report").isNotNull();
            assertThat(report.lines().map(String::trim)).contains("Property: " + property);
        };
    }
}
