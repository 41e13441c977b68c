package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.internal.MdcScope;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>How the fields travel is the {@link FieldFormat}: by default ({@link FieldFormat#AUTO}),
 * when the logger's lines all end in a Logstash Logback Encoder JSON encoder (8.x or 9.x;
 * {@code LogstashEncoder} or a composite encoder with the markers and key-value providers), each
 * top-level field goes as one of LLE's raw JSON markers, rendered once by
 * {@link EventJsonWriter}, which LLE copies into the line instead of walking the tree with
 * databind; the line holds the same fields, nesting and values either way. Otherwise they go as
 * key-value pairs. Logback and LLE are optional: without them the sink uses key-value pairs.
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

    /** The default way the fields travel. */
    public static final FieldFormat DEFAULT_FIELD_FORMAT = FieldFormat.AUTO;

    /** How the event's fields reach the encoder with {@link MessageFormat#SUMMARY}. */
    public enum FieldFormat {
        /**
         * {@link #LOGSTASH_RAW} when every appender the logger's lines reach in Logback is a
         * Logstash Logback Encoder JSON encoder that writes markers and all key-value pairs,
         * or a pattern layout showing neither ({@code %kvp}, {@code %marker}), and at least one
         * is such an encoder; {@link #KEY_VALUES} otherwise (Spring Boot's structured logging,
         * another SLF4J binding, any encoder or appender not known to write both alike). Asked
         * again after each reset of Logback's configuration.
         */
        AUTO,
        /** SLF4J key-value pairs whose values are Map/List trees: read by every JSON encoder. */
        KEY_VALUES,
        /**
         * One Logstash Logback Encoder raw JSON marker ({@code Markers.appendRaw}) per
         * top-level field, for an LLE encoder only: other encoders drop the fields or show the
         * markers differently. Needs LLE on the class path.
         */
        LOGSTASH_RAW
    }

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
    private final FieldFormat fieldFormat;
    /** Counts the resets of Logback's configuration that AUTO has been told of. */
    private final AtomicInteger logbackResets = new AtomicInteger();
    /** AUTO's answer and the reset count it was given at; null until asked. */
    private volatile RawFieldsAnswer rawFieldsAnswer;

    private Slf4jAuditSink(Builder builder) {
        this.logger = LoggerFactory.getLogger(builder.loggerName);
        this.level = builder.level;
        this.format = builder.format;
        this.ecsVersion = builder.ecsVersion;
        this.correlationIdKey = builder.correlationIdKey;
        this.traceIdKey = builder.traceIdKey;
        this.spanIdKey = builder.spanIdKey;
        this.fieldFormat = builder.fieldFormat;
    }

    /**
     * Logger {@code http.audit}, level {@code INFO}, summary messages, fields as
     * {@link FieldFormat#AUTO} chooses, {@code ecs.version} written, the correlation ID in the MDC as {@code request_id}, no trace MDC keys.
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
        Map<String, Object> fields = EcsFieldMapping.fields(event);
        if (usesRawFields()) {
            line = LogstashRawFields.addTo(line, fields, ecsVersion);
        } else {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (sends(field.getKey(), ecsVersion)) {
                    line = line.addKeyValue(field.getKey(), field.getValue());
                }
            }
        }
        line.log();
    }

    /** Whether a top-level field goes into the line: all but {@code ecs} when ecs.version is off. */
    static boolean sends(String name, boolean ecsVersion) {
        return ecsVersion || !name.equals(EcsFieldMapping.ECS_OBJECT);
    }

    /** Whether the fields go as raw JSON markers now (package-private for the tests). */
    boolean usesRawFields() {
        if (fieldFormat != FieldFormat.AUTO) {
            return fieldFormat == FieldFormat.LOGSTASH_RAW;
        }
        // The count is read before the probe: an answer given before a reset that happens
        // during or after it is never used, whatever order the threads store it in.
        int resets = logbackResets.get();
        RawFieldsAnswer answer = rawFieldsAnswer;
        if (answer != null && answer.resets() == resets) {
            return answer.raw();
        }
        boolean raw = ClassPath.LOGBACK_AND_LOGSTASH
                && LogbackEncoderProbe.acceptsRawFields(logger.getName(), logbackResets::incrementAndGet);
        rawFieldsAnswer = new RawFieldsAnswer(resets, raw);
        return raw;
    }

    private record RawFieldsAnswer(int resets, boolean raw) {
    }

    @Override
    public String toString() {
        return "Slf4jAuditSink[" + logger.getName() + ", " + level + ", " + format + ", " + fieldFormat + "]";
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
        private FieldFormat fieldFormat = DEFAULT_FIELD_FORMAT;

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
         * How the fields reach the encoder with the summary message (default
         * {@link FieldFormat#AUTO}); the line's content is the same either way.
         */
        public Builder fieldFormat(FieldFormat fieldFormat) {
            this.fieldFormat = Objects.requireNonNull(fieldFormat, "fieldFormat");
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

        /**
         * Builds the sink.
         *
         * @throws IllegalStateException for {@link FieldFormat#LOGSTASH_RAW} without Logstash
         *     Logback Encoder on the class path
         */
        public Slf4jAuditSink build() {
            if (fieldFormat == FieldFormat.LOGSTASH_RAW && !ClassPath.LOGSTASH) {
                throw new IllegalStateException("field format LOGSTASH_RAW needs Logstash Logback Encoder"
                        + " (net.logstash.logback:logstash-logback-encoder) on the class path");
            }
            return new Slf4jAuditSink(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** Which optional libraries are on the class path, asked once. */
    private static final class ClassPath {
        static final boolean LOGSTASH = present("net.logstash.logback.marker.Markers");
        static final boolean LOGBACK_AND_LOGSTASH = LOGSTASH && present("ch.qos.logback.classic.LoggerContext");

        private static boolean present(String className) {
            try {
                Class.forName(className, false, Slf4jAuditSink.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
