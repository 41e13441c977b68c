package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.internal.MdcScope;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
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
 * {@code service}, ...) are never emitted; {@code ecs.version} is, unless
 * {@link Builder#ecsVersion(boolean) turned off} for an encoder that writes its own. With
 * {@link MessageFormat#JSON} the message is the whole event as JSON, for plain pattern
 * layouts, and no key-value pairs are added.
 *
 * <p>While a line is logged, the event's correlation ID (and, when configured, its trace and
 * span IDs) are in the SLF4J MDC under the configured keys, and the previous MDC values are
 * restored afterwards. So the line carries the same MDC fields on whichever thread it is
 * written: the request thread, a container thread completing an async request, or the
 * writer thread of an {@link AsyncAuditSink}, where the request's MDC is long gone.
 */
public final class Slf4jAuditSink implements AuditSink {

    /** The default logger name. */
    public static final String DEFAULT_LOGGER = "http.audit";

    /** The default MDC key of the correlation ID: the servlet filter's default too. */
    public static final String DEFAULT_CORRELATION_ID_MDC_KEY = "request_id";

    /** The default level of the lines. */
    public static final Level DEFAULT_LEVEL = Level.INFO;

    /** The default content of the log message. */
    public static final MessageFormat DEFAULT_MESSAGE_FORMAT = MessageFormat.SUMMARY;

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
    private final boolean ecsVersion;
    private final String correlationIdKey;
    private final String traceIdKey;
    private final String spanIdKey;

    private Slf4jAuditSink(Builder builder) {
        this.logger = LoggerFactory.getLogger(builder.loggerName);
        this.level = builder.level;
        this.format = builder.format;
        this.ecsVersion = builder.ecsVersion;
        this.correlationIdKey = builder.correlationIdKey;
        this.traceIdKey = builder.traceIdKey;
        this.spanIdKey = builder.spanIdKey;
    }

    /**
     * Logger {@code http.audit}, level {@code INFO}, summary messages, {@code ecs.version}
     * written, the correlation ID in the MDC as {@code request_id}, no trace MDC keys.
     */
    public static Slf4jAuditSink create() {
        return builder().build();
    }

    /** A sink on the named logger, at the given level and message format; otherwise as {@link #create()}. */
    public static Slf4jAuditSink of(String loggerName, Level level, MessageFormat format) {
        return builder().logger(loggerName).level(level).messageFormat(format).build();
    }

    /** A builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void write(AuditEvent event) {
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        TraceInfo trace = event.trace();
        // Restored in reverse order on close, so that keys configured twice end as they were.
        try (MdcScope mdc = MdcScope.open()
                .putIfPresent(correlationIdKey, event.request().id())
                .putIfPresent(traceIdKey, trace == null ? null : trace.traceId())
                .putIfPresent(spanIdKey, trace == null ? null : trace.spanId())) {
            log(event);
        }
    }

    private void log(AuditEvent event) {
        if (format == MessageFormat.JSON) {
            logger.atLevel(level).log(EventJsonWriter.instance().toJson(event));
            return;
        }
        LoggingEventBuilder line = logger.atLevel(level).setMessage(EcsFieldMapping.message(event));
        for (Map.Entry<String, Object> field : EcsFieldMapping.fields(event).entrySet()) {
            if (!ecsVersion && field.getKey().equals(EcsFieldMapping.ECS_OBJECT)) {
                continue;
            }
            line = line.addKeyValue(field.getKey(), field.getValue());
        }
        line.log();
    }

    @Override
    public String toString() {
        return "Slf4jAuditSink[" + logger.getName() + ", " + level + ", " + format + "]";
    }

    /** Builds an {@link Slf4jAuditSink}; the defaults are those of {@link Slf4jAuditSink#create()}. */
    public static final class Builder {
        private String loggerName = DEFAULT_LOGGER;
        private Level level = DEFAULT_LEVEL;
        private MessageFormat format = DEFAULT_MESSAGE_FORMAT;
        private boolean ecsVersion = true;
        private String correlationIdKey = DEFAULT_CORRELATION_ID_MDC_KEY;
        private String traceIdKey;
        private String spanIdKey;

        private Builder() {
        }

        /** The logger's name (default {@code http.audit}). */
        public Builder logger(String loggerName) {
            this.loggerName = Objects.requireNonNull(loggerName, "loggerName");
            return this;
        }

        /** The level of the lines (default {@code INFO}). */
        public Builder level(Level level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /** What the message holds (default {@link MessageFormat#SUMMARY}). */
        public Builder messageFormat(MessageFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Whether {@code ecs.version} is sent as a key-value pair (default true). Turn it off
         * for an encoder that writes {@code ecs.version} itself, such as Spring Boot's
         * structured {@code ecs} format: two {@code ecs} objects in one line are duplicate
         * keys, which Elasticsearch rejects. The message format {@code JSON} always has it.
         */
        public Builder ecsVersion(boolean ecsVersion) {
            this.ecsVersion = ecsVersion;
            return this;
        }

        /**
         * The MDC key that holds the event's correlation ID ({@code http.request.id}) while
         * the line is logged (default {@code request_id}, the servlet filter's default);
         * {@code null} or blank for none. Set it to the filter's {@code mdcKey}.
         */
        public Builder correlationIdMdcKey(String key) {
            this.correlationIdKey = blankToNull(key);
            return this;
        }

        /**
         * The MDC keys that hold the event's trace and span IDs while the line is logged
         * (default: none; {@code null} or blank for none). Micrometer Tracing puts
         * {@code traceId} and {@code spanId} in the MDC during a request, so a sink behind a
         * tracer uses those, and its lines look the same on every thread.
         */
        public Builder traceMdcKeys(String traceIdKey, String spanIdKey) {
            this.traceIdKey = blankToNull(traceIdKey);
            this.spanIdKey = blankToNull(spanIdKey);
            return this;
        }

        /** Builds the sink. */
        public Slf4jAuditSink build() {
            return new Slf4jAuditSink(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
