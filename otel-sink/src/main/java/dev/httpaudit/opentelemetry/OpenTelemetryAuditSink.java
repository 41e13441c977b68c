package dev.httpaudit.opentelemetry;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Writes each audit event as one OpenTelemetry log record through the Logs Bridge API of the
 * application's {@link OpenTelemetry} (its SDK decides where records go: OTLP, a collector, ...).
 *
 * <p>A record carries: the event name ({@value #DEFAULT_EVENT_NAME} by default); the
 * timestamp of the exchange's end (the event's {@code @timestamp}); the severity by outcome
 * ({@code INFO} for a success, {@code WARN} for a failure, {@code ERROR} for an exception or a
 * 5xx status); the trace context of the exchange, built from the event's {@code trace.id} and
 * {@code span.id} (never the context current on the writing thread, which may be the async
 * queue's); attributes named after the OpenTelemetry semantic conventions for HTTP servers
 * ({@code http.request.method}, {@code url.path}, {@code http.response.status_code},
 * {@code client.address}, ...); and as its body the event's whole JSON document, exactly the
 * line {@link dev.httpaudit.core.sink.JsonLinesAuditSink} writes (without its line feed), for
 * everything the conventions do not name. docs/opentelemetry.md gives the mapping field by
 * field.
 *
 * <p>{@link #write(AuditEvent)} hands the record to the SDK and returns; what the SDK's
 * processors and exporters do with it later (batching, export failures) is theirs to count.
 * A failure while the record is built or emitted is thrown to the pipeline, which counts and
 * reports it like any sink's and never lets it reach the application. {@link #flush()} and
 * {@link #close()} do nothing: the SDK belongs to the application, which flushes and shuts it
 * down. Safe for concurrent use.
 */
public final class OpenTelemetryAuditSink implements AuditSink {

    /** The default event name of the records. */
    public static final String DEFAULT_EVENT_NAME = "dev.httpaudit.exchange";

    /** The default instrumentation scope name of the logger the records are emitted with. */
    public static final String DEFAULT_SCOPE_NAME = "dev.httpaudit";

    /**
     * The attribute that carries the event name where the API has no event name field:
     * {@code LogRecordBuilder.setEventName} came with API 1.50.0 (Spring Boot 3.5 manages 1.49.0);
     * before, the conventions put the name in this attribute.
     */
    static final AttributeKey<String> EVENT_NAME_ATTRIBUTE = AttributeKey.stringKey("event.name");

    /** Whether the API on the class path has {@code LogRecordBuilder.setEventName}: looked up once. */
    static final boolean API_HAS_EVENT_NAME = hasEventNameField();

    private final Logger logger;
    private final String eventName;

    private OpenTelemetryAuditSink(Builder builder) {
        this.logger = builder.openTelemetry.getLogsBridge().loggerBuilder(builder.scopeName).build();
        this.eventName = builder.eventName;
    }

    /** A sink emitting through {@code openTelemetry}'s Logs Bridge with the default names. */
    public static OpenTelemetryAuditSink create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** A builder for a sink emitting through {@code openTelemetry}'s Logs Bridge. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public void write(AuditEvent event) {
        // One field tree per event: the body is serialized from it and the attributes read from
        // it, so both hold the same (surrogate-safe, redacted) strings, and nothing is mapped twice.
        Map<String, Object> document = EcsFieldMapping.document(event);
        Severity severity = LogSeverity.of(event);
        LogRecordBuilder record = logger.logRecordBuilder()
                .setTimestamp(event.end())
                .setContext(TraceContexts.of(document))
                .setSeverity(severity)
                .setSeverityText(severity.name())
                .setBody(json(document));
        if (API_HAS_EVENT_NAME) {
            record.setEventName(eventName);
        } else {
            record.setAttribute(EVENT_NAME_ATTRIBUTE, eventName);
        }
        SemanticAttributes.addTo(record, document);
        record.emit();
    }

    /** The document as the JSON-lines sink writes it: the same writer, the same bytes. */
    private static String json(Map<String, Object> document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        EventJsonWriter.instance().writeTree(document, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean hasEventNameField() {
        try {
            LogRecordBuilder.class.getMethod("setEventName", String.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "OpenTelemetryAuditSink[" + eventName + "]";
    }

    /** Builds an {@link OpenTelemetryAuditSink}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private String eventName = DEFAULT_EVENT_NAME;
        private String scopeName = DEFAULT_SCOPE_NAME;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /** The records' event name (default {@value OpenTelemetryAuditSink#DEFAULT_EVENT_NAME}). */
        public Builder eventName(String eventName) {
            this.eventName = requireText(eventName, "event name");
            return this;
        }

        /** The logger's instrumentation scope name (default {@value OpenTelemetryAuditSink#DEFAULT_SCOPE_NAME}). */
        public Builder scopeName(String scopeName) {
            this.scopeName = requireText(scopeName, "scope name");
            return this;
        }

        /** Builds the sink (and gets its logger from the Logs Bridge). */
        public OpenTelemetryAuditSink build() {
            return new OpenTelemetryAuditSink(this);
        }

        private static String requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException("the " + what + " must not be blank");
            }
            return value;
        }
    }
}
