package dev.httpaudit.spring.otel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.opentelemetry.OpenTelemetryAuditSink;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the OpenTelemetry sink is configured, and that it is added to the other sinks (the
 * default SLF4J sink, or the application's), never in their place.
 */
class StarterOpenTelemetryConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class,
                    HttpAuditOpenTelemetryAutoConfiguration.class));

    @Test
    void offUnlessEnabledEvenWithAnOpenTelemetryBean() {
        runner.withUserConfiguration(Sdk.class).run(context -> {
            assertThat(context).doesNotHaveBean(OpenTelemetryAuditSink.class);
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);
        });
    }

    @Test
    void enabledWithoutAnOpenTelemetryBeanAddsNothingAndStarts() {
        runner.withPropertyValues("http-audit.opentelemetry.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OpenTelemetryAuditSink.class);
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);
        });
    }

    @Test
    void enabledAddsTheSinkBesideTheDefaultSlf4jSink() {
        runner.withUserConfiguration(Sdk.class).withPropertyValues("http-audit.opentelemetry.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(OpenTelemetryAuditSink.class);
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);

            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            Logger audit = (Logger) LoggerFactory.getLogger(Slf4jAuditSink.DEFAULT_LOGGER);
            audit.addAppender(lines);
            try {
                AuditPipeline pipeline = context.getBean(AuditPipeline.class);
                AuditEvent event = event();
                pipeline.emit(event);

                assertThat(context.getBean(InMemoryLogRecordExporter.class).getFinishedLogRecordItems())
                        .singleElement().satisfies(record ->
                                assertThat(record.getBodyValue().asString()).contains("\"id\":\"" + event.id() + "\""));
                assertThat(lines.list).singleElement().satisfies(line ->
                        assertThat(line.getFormattedMessage()).isEqualTo("GET /api/orders/7 200 1.0ms"));
                assertThat(pipeline.counters().written()).isEqualTo(1);
            } finally {
                audit.detachAppender(lines);
            }
        });
    }

    @Test
    void anApplicationSinkStillReplacesTheSlf4jSinkAndTheOpenTelemetrySinkIsAddedToIt() {
        runner.withUserConfiguration(Sdk.class, OwnSink.class).withPropertyValues("http-audit.opentelemetry.enabled=true")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(Slf4jAuditSink.class);
                    assertThat(context.getBeansOfType(AuditSink.class)).containsOnlyKeys("ownSink", "httpAuditOpenTelemetrySink");

                    context.getBean(AuditPipeline.class).emit(event());

                    assertThat(context.getBean(InMemoryAuditSink.class).events()).hasSize(1);
                    assertThat(context.getBean(InMemoryLogRecordExporter.class).getFinishedLogRecordItems()).hasSize(1);
                });
    }

    @Test
    void theNamesComeFromTheProperties() {
        runner.withUserConfiguration(Sdk.class).withPropertyValues("http-audit.opentelemetry.enabled=true",
                "http-audit.opentelemetry.event-name=acme.audit", "http-audit.opentelemetry.scope-name=acme.orders")
                .run(context -> {
                    context.getBean(AuditPipeline.class).emit(event());

                    LogRecordData record = context.getBean(InMemoryLogRecordExporter.class).getFinishedLogRecordItems().get(0);
                    assertThat(OtelRecords.eventName(record)).isEqualTo("acme.audit");
                    assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo("acme.orders");
                });
    }

    @Test
    void theDefaultNamesAreTheSinks() {
        runner.withUserConfiguration(Sdk.class).withPropertyValues("http-audit.opentelemetry.enabled=true").run(context -> {
            context.getBean(AuditPipeline.class).emit(event());

            LogRecordData record = context.getBean(InMemoryLogRecordExporter.class).getFinishedLogRecordItems().get(0);
            assertThat(OtelRecords.eventName(record)).isEqualTo(OpenTelemetryAuditSink.DEFAULT_EVENT_NAME);
            assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo(OpenTelemetryAuditSink.DEFAULT_SCOPE_NAME);
        });
    }

    @Test
    void aBlankEventNameStopsStartupNamingTheProperty() {
        runner.withUserConfiguration(Sdk.class).withPropertyValues("http-audit.opentelemetry.enabled=true",
                "http-audit.opentelemetry.event-name= ").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("http-audit.opentelemetry.event-name");
                });
    }

    @Test
    void auditingOffMeansNoSinkEither() {
        runner.withUserConfiguration(Sdk.class)
                .withPropertyValues("http-audit.enabled=false", "http-audit.opentelemetry.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(OpenTelemetryAuditSink.class));
    }

    @Test
    void anApplicationOpenTelemetrySinkReplacesTheStartersOwn() {
        runner.withUserConfiguration(Sdk.class, OwnOpenTelemetrySink.class)
                .withPropertyValues("http-audit.opentelemetry.enabled=true")
                .run(context -> assertThat(context.getBean(OpenTelemetryAuditSink.class))
                        .isSameAs(context.getBean("ownOpenTelemetrySink")));
    }

    @Test
    void springBootsOwnOpenTelemetryBeanIsSeen() {
        // Boot's auto-configuration sorts before ours by name: only the afterName ordering
        // makes its OpenTelemetry bean visible to @ConditionalOnBean.
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class,
                        HttpAuditOpenTelemetryAutoConfiguration.class, bootOpenTelemetryAutoConfiguration()))
                .withPropertyValues("http-audit.opentelemetry.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(OpenTelemetry.class);
                    assertThat(context).hasSingleBean(OpenTelemetryAuditSink.class);
                    assertThat(context).hasSingleBean(Slf4jAuditSink.class);
                });
    }

    /** Spring Boot's OpenTelemetry auto-configuration: Boot 4.0's, or Boot 3.5's in spring-boot3-compat. */
    private static Class<?> bootOpenTelemetryAutoConfiguration() {
        for (String name : List.of("org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration")) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                // the other Boot
            }
        }
        throw new AssertionError("no Spring Boot OpenTelemetry auto-configuration on the test class path");
    }

    private static AuditEvent event() {
        Instant end = Instant.parse("2026-12-01T10:00:00.001Z");
        return AuditEvent.builder()
                .timing(end.minusMillis(1), end, 1_000_000L)
                .request(new AuditRequest("r-1", "GET", null, Map.of(), null))
                .response(new AuditResponse(200, null, Map.of(), null))
                .url(new UrlInfo("/api/orders/7", null, "http", "localhost", 8080))
                .build();
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class Sdk {
        @Bean
        InMemoryLogRecordExporter exporter() {
            return InMemoryLogRecordExporter.create();
        }

        @Bean(destroyMethod = "close")
        OpenTelemetry openTelemetry(InMemoryLogRecordExporter exporter) {
            return OtelRecords.sdk(exporter);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSink {
        @Bean
        InMemoryAuditSink ownSink() {
            return InMemoryAuditSink.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnOpenTelemetrySink {
        @Bean
        OpenTelemetryAuditSink ownOpenTelemetrySink(OpenTelemetry openTelemetry) {
            return OpenTelemetryAuditSink.builder(openTelemetry).eventName("own").build();
        }
    }
}
