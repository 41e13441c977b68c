package dev.httpaudit.spring.otel;

import dev.httpaudit.opentelemetry.OpenTelemetryAuditSink;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Adds the OpenTelemetry logs sink ({@link OpenTelemetryAuditSink}) to the audit pipeline when
 * {@code http-audit.opentelemetry.enabled=true}, an {@link OpenTelemetry} bean exists (the
 * application's, or Spring Boot's own) and http-audit-opentelemetry is on the class path.
 *
 * <p>The sink is <em>added</em> to the others, it does not replace the default SLF4J sink:
 * {@link HttpAuditAutoConfiguration} creates the SLF4J sink only when no {@code AuditSink}
 * bean is defined when it is processed, and this auto-configuration runs after it, so its
 * sink bean is not there yet; the pipeline, created later, takes every {@code AuditSink} bean,
 * this one included. (An {@code AuditSink} bean of the application still replaces the SLF4J
 * sink, as always; this sink is then added to the application's.)
 *
 * <p>It also runs after Spring Boot's OpenTelemetry auto-configuration (Boot 4.0's
 * {@code OpenTelemetrySdkAutoConfiguration}, Boot 3.5's {@code OpenTelemetryAutoConfiguration}),
 * named by their class names so the same class works on both, so that Boot's
 * {@link OpenTelemetry} bean is seen.
 */
@AutoConfiguration(after = HttpAuditAutoConfiguration.class, afterName = {
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"})
@ConditionalOnClass(name = {"io.opentelemetry.api.OpenTelemetry", "dev.httpaudit.opentelemetry.OpenTelemetryAuditSink"})
@ConditionalOnProperty(prefix = "http-audit.opentelemetry", name = "enabled", havingValue = "true")
@ConditionalOnBean(type = {"io.opentelemetry.api.OpenTelemetry", "dev.httpaudit.core.pipeline.AuditPipeline"})
@EnableConfigurationProperties(HttpAuditOpenTelemetryProperties.class)
public class HttpAuditOpenTelemetryAutoConfiguration {

    /** The sink, emitting through the {@link OpenTelemetry} bean's Logs Bridge. */
    @Bean
    @ConditionalOnMissingBean
    public OpenTelemetryAuditSink httpAuditOpenTelemetrySink(OpenTelemetry openTelemetry,
            HttpAuditOpenTelemetryProperties properties) {
        return OpenTelemetryAuditSink.builder(openTelemetry)
                .eventName(properties.getEventName())
                .scopeName(properties.getScopeName())
                .build();
    }
}
