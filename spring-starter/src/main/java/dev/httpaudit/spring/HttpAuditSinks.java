package dev.httpaudit.spring;

import dev.httpaudit.core.sink.Slf4jAuditSink;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The starter's sinks, built from the {@code http-audit.sink.*} properties, for applications
 * that declare sinks of their own. Any {@code AuditSink} bean of the application replaces the
 * default SLF4J sink; to keep it (with its configured logger, level and message format), declare
 * it as a bean beside yours:
 *
 * <pre>{@code
 * @Bean
 * Slf4jAuditSink httpAuditSlf4jSink(HttpAuditProperties properties, Environment environment) {
 *     return HttpAuditSinks.slf4j(properties, environment);
 * }
 * }</pre>
 */
public final class HttpAuditSinks {

    private HttpAuditSinks() {
    }

    /** The MDC keys Micrometer Tracing (Brave and OpenTelemetry bridges) uses for the current span. */
    static final String MICROMETER_TRACE_ID_MDC_KEY = "traceId";
    static final String MICROMETER_SPAN_ID_MDC_KEY = "spanId";

    /**
     * The SLF4J sink exactly as the starter's default: logger {@code http-audit.sink.logger},
     * level {@code http-audit.sink.level}, message {@code http-audit.sink.message}; while it logs
     * a line, the MDC holds the event's correlation ID under
     * {@code http-audit.correlation.mdc-key} and, with Micrometer Tracing on the classpath, its
     * trace and span IDs under Micrometer's keys; under Spring Boot's structured {@code ecs}
     * format (which writes {@code ecs.version} itself) the sink leaves its own out.
     *
     * @param environment read for {@code logging.structured.format.console} and {@code .file}
     */
    public static Slf4jAuditSink slf4j(HttpAuditProperties properties, Environment environment) {
        HttpAuditProperties.Sink sink = properties.getSink();
        Slf4jAuditSink.Builder builder = Slf4jAuditSink.builder()
                .logger(sink.getLogger())
                .level(sink.getLevel())
                .messageFormat(sink.getMessage())
                .correlationIdMdcKey(properties.getCorrelation().getMdcKey())
                .ecsVersion(!bootStructuredEcsFormat(environment));
        if (ClassUtils.isPresent("io.micrometer.tracing.Tracer", HttpAuditSinks.class.getClassLoader())) {
            builder.traceMdcKeys(MICROMETER_TRACE_ID_MDC_KEY, MICROMETER_SPAN_ID_MDC_KEY);
        }
        return builder.build();
    }

    /**
     * Whether Spring Boot's structured logging writes the {@code ecs} format to the console or
     * the log file: that format writes {@code "ecs":{"version":...}} itself, and a second
     * {@code ecs} object in the same line would be a duplicate key.
     */
    static boolean bootStructuredEcsFormat(Environment environment) {
        return isEcs(environment.getProperty("logging.structured.format.console"))
                || isEcs(environment.getProperty("logging.structured.format.file"));
    }

    private static boolean isEcs(@Nullable String format) {
        return format != null && format.trim().equalsIgnoreCase("ecs");
    }
}
