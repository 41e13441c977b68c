package dev.httpaudit.spring;

import dev.httpaudit.core.sink.Slf4jAuditSink;
import org.slf4j.event.Level;

/**
 * The starter's sinks, built from the {@code http-audit.sink.*} properties, for applications
 * that declare sinks of their own. Any {@code AuditSink} bean of the application replaces the
 * default SLF4J sink; to keep it (with its configured logger, level and message format), declare
 * it as a bean beside yours:
 *
 * <pre>{@code
 * @Bean
 * Slf4jAuditSink httpAuditSlf4jSink(HttpAuditProperties properties) {
 *     return HttpAuditSinks.slf4j(properties);
 * }
 * }</pre>
 */
public final class HttpAuditSinks {

    private HttpAuditSinks() {
    }

    /**
     * The SLF4J sink exactly as the starter's default: logger {@code http-audit.sink.logger},
     * level {@code http-audit.sink.level}, message {@code http-audit.sink.message}.
     */
    public static Slf4jAuditSink slf4j(HttpAuditProperties properties) {
        HttpAuditProperties.Sink sink = properties.getSink();
        return Slf4jAuditSink.of(sink.getLogger(), Level.valueOf(sink.getLevel().name()),
                Slf4jAuditSink.MessageFormat.valueOf(sink.getMessage().name()));
    }
}
