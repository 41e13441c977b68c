package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.json.EventSummary;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The default sink: one log line per event through SLF4J (logger {@code http.audit} at
 * {@code INFO} unless configured otherwise).
 *
 * <p>With {@link MessageFormat#SUMMARY} the message is the one-line summary and the event's
 * fields travel as SLF4J key-value pairs whose values are plain Map/List trees, which JSON
 * encoders (Logstash Logback Encoder, Spring Boot's structured logging) render as nested
 * top-level JSON. Names a log encoder writes itself ({@code @timestamp}, {@code message},
 * {@code service}, ...) are never emitted. With {@link MessageFormat#JSON} the message is
 * the whole event as JSON, for plain pattern layouts, and no key-value pairs are added.
 */
public final class Slf4jAuditSink implements AuditSink {

    /** The default logger name. */
    public static final String DEFAULT_LOGGER = "http.audit";

    /** What the log message holds. */
    public enum MessageFormat {
        /** The one-line summary; the fields as key-value pairs. */
        SUMMARY,
        /** The whole event as one JSON object; no key-value pairs. */
        JSON
    }

    private final Logger logger;
    private final Level level;
    private final MessageFormat format;

    private Slf4jAuditSink(Logger logger, Level level, MessageFormat format) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.level = Objects.requireNonNull(level, "level");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** Logger {@code http.audit}, level {@code INFO}, summary messages. */
    public static Slf4jAuditSink create() {
        return of(DEFAULT_LOGGER, Level.INFO, MessageFormat.SUMMARY);
    }

    /** A sink on the named logger, at the given level and message format. */
    public static Slf4jAuditSink of(String loggerName, Level level, MessageFormat format) {
        return new Slf4jAuditSink(LoggerFactory.getLogger(loggerName), level, format);
    }

    @Override
    public void write(AuditEvent event) {
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        if (format == MessageFormat.JSON) {
            logger.atLevel(level).log(EventJsonWriter.instance().toJson(event));
            return;
        }
        LoggingEventBuilder line = logger.atLevel(level).setMessage(EventSummary.of(event));
        for (Map.Entry<String, Object> field : EcsFieldMapping.fields(event).entrySet()) {
            line = line.addKeyValue(field.getKey(), field.getValue());
        }
        line.log();
    }

    @Override
    public String toString() {
        return "Slf4jAuditSink[" + logger.getName() + ", " + level + ", " + format + "]";
    }
}
