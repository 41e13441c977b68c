package dev.httpaudit.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink on the real OpenTelemetry SDK and its in-memory exporter, with fixed events. */
class OpenTelemetryAuditSinkTest {

    private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setLoggerProvider(SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build())
            .setTracerProvider(SdkTracerProvider.builder().build())
            .build();
    private final OpenTelemetryAuditSink sink = OpenTelemetryAuditSink.create(sdk);

    @AfterEach
    void shutDown() {
        sdk.close();
    }

    @Test
    void everyEventFieldTheConventionsNameBecomesItsAttribute() {
        AuditEvent event = SampleEvents.full();
        sink.write(event);

        LogRecordData record = onlyRecord();
        assertThat(record.getAttributes().asMap()).containsOnly(
                Map.entry(AttributeKey.stringKey("http.request.method"), "POST"),
                Map.entry(AttributeKey.longKey("http.response.status_code"), 201L),
                Map.entry(AttributeKey.stringKey("http.route"), "/api/orders"),
                Map.entry(AttributeKey.stringKey("network.protocol.version"), "1.1"),
                Map.entry(AttributeKey.longKey("http.request.body.size"), 58L),
                Map.entry(AttributeKey.longKey("http.response.body.size"), 70_000L),
                Map.entry(AttributeKey.stringArrayKey("http.request.header.content-type"), List.of("application/json")),
                Map.entry(AttributeKey.stringArrayKey("http.request.header.authorization"), List.of("***")),
                Map.entry(AttributeKey.stringArrayKey("http.request.header.accept"), List.of("application/json", "text/plain")),
                Map.entry(AttributeKey.stringArrayKey("http.response.header.location"), List.of("/api/orders/7")),
                Map.entry(AttributeKey.stringKey("url.path"), "/api/orders"),
                Map.entry(AttributeKey.stringKey("url.query"), "page=2&token=***"),
                Map.entry(AttributeKey.stringKey("url.scheme"), "http"),
                Map.entry(AttributeKey.stringKey("server.address"), "localhost"),
                Map.entry(AttributeKey.longKey("server.port"), 8080L),
                Map.entry(AttributeKey.stringKey("client.address"), "127.0.0.1"),
                Map.entry(AttributeKey.longKey("client.port"), 53211L),
                Map.entry(AttributeKey.stringKey("user_agent.original"), "curl/8.5.0"),
                Map.entry(AttributeKey.stringKey("error.type"), "java.lang.IllegalStateException"),
                Map.entry(AttributeKey.stringKey("exception.type"), "java.lang.IllegalStateException"),
                Map.entry(AttributeKey.stringKey("exception.message"), "order service unavailable"),
                Map.entry(AttributeKey.stringKey("user.name"), "alice"),
                Map.entry(AttributeKey.stringArrayKey("user.roles"), List.of("ROLE_USER", "ROLE_ADMIN")),
                Map.entry(AttributeKey.stringKey("log.record.uid"), "7f3a9c1e-1042"));
    }

    @Test
    void theBodyIsTheEventsJsonLineAndTheTimestampItsEnd() {
        AuditEvent event = SampleEvents.full();
        sink.write(event);

        LogRecordData record = onlyRecord();
        assertThat(record.getBodyValue()).isNotNull();
        assertThat(record.getBodyValue().asString()).isEqualTo(EventJsonWriter.instance().toJson(event));
        assertThat(record.getTimestampEpochNanos()).isEqualTo(nanos(SampleEvents.END));
        assertThat(record.getEventName()).isEqualTo(OpenTelemetryAuditSink.DEFAULT_EVENT_NAME);
        assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo(OpenTelemetryAuditSink.DEFAULT_SCOPE_NAME);
        // API 1.68 has the event name field: no event.name attribute besides it
        assertThat(OpenTelemetryAuditSink.API_HAS_EVENT_NAME).isTrue();
        assertThat(record.getAttributes().get(OpenTelemetryAuditSink.EVENT_NAME_ATTRIBUTE)).isNull();
    }

    @Test
    void eventAndScopeNamesAreConfigurable() {
        OpenTelemetryAuditSink.builder(sdk).eventName("acme.audit").scopeName("acme").build().write(SampleEvents.minimal());

        LogRecordData record = onlyRecord();
        assertThat(record.getEventName()).isEqualTo("acme.audit");
        assertThat(record.getInstrumentationScopeInfo().getName()).isEqualTo("acme");
    }

    @Test
    void theRecordCarriesTheEventsTraceContextNotTheWritingThreads() {
        Span other = sdk.getTracer("test").spanBuilder("writer-thread-span").startSpan();
        try (Scope ignored = other.makeCurrent()) {
            sink.write(SampleEvents.full());
        } finally {
            other.end();
        }

        SpanContext context = onlyRecord().getSpanContext();
        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.getTraceId()).isNotEqualTo(other.getSpanContext().getTraceId());
    }

    @Test
    void anEventWithoutBothIdsGetsNoTraceContextEvenUnderACurrentSpan() {
        Span other = sdk.getTracer("test").spanBuilder("writer-thread-span").startSpan();
        try (Scope ignored = other.makeCurrent()) {
            sink.write(SampleEvents.full().withTrace(new TraceInfo("4bf92f3577b34da6a3ce929d0e0e4736", null)));
            sink.write(SampleEvents.full().withTrace(null));
            sink.write(SampleEvents.full().withTrace(new TraceInfo("***", "00f067aa0ba902b7")));
        } finally {
            other.end();
        }

        List<LogRecordData> records = exporter.getFinishedLogRecordItems();
        assertThat(records).hasSize(3).allSatisfy(record -> assertThat(record.getSpanContext().isValid()).isFalse());
        // the body still says what the event knew
        assertThat(records.get(0).getBodyValue().asString()).contains("\"trace\":{\"id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
    }

    @Test
    void severityFollowsTheOutcome() {
        AuditEvent ok = SampleEvents.minimal().withError(null);
        sink.write(withOutcome(ok, 200, Outcome.SUCCESS));
        sink.write(withOutcome(ok, 404, Outcome.FAILURE));
        sink.write(withOutcome(ok, 0, Outcome.FAILURE));
        sink.write(withOutcome(ok, 503, Outcome.FAILURE));
        sink.write(SampleEvents.full()); // an exception, status 201

        assertThat(exporter.getFinishedLogRecordItems()).extracting(LogRecordData::getSeverity)
                .containsExactly(Severity.INFO, Severity.WARN, Severity.WARN, Severity.ERROR, Severity.ERROR);
        assertThat(exporter.getFinishedLogRecordItems()).extracting(LogRecordData::getSeverityText)
                .containsExactly("INFO", "WARN", "WARN", "ERROR", "ERROR");
        assertThat(exporter.getFinishedLogRecordItems()).extracting(r -> r.getAttributes().get(SemanticAttributes.ERROR_TYPE))
                .containsExactly(null, null, null, "503", "java.lang.IllegalStateException");
    }

    @Test
    void aMethodTheConventionsDoNotKnowIsOtherWithTheOriginal() {
        AuditEvent event = SampleEvents.minimal();
        sink.write(event.withRequest(new dev.httpaudit.core.AuditRequest(null, "PROPFIND", null, Map.of(), null)));
        sink.write(event.withRequest(new dev.httpaudit.core.AuditRequest(null, "get", null, Map.of(), null)));

        List<LogRecordData> records = exporter.getFinishedLogRecordItems();
        assertThat(records).extracting(r -> r.getAttributes().get(SemanticAttributes.HTTP_REQUEST_METHOD))
                .containsExactly("_OTHER", "_OTHER");
        assertThat(records).extracting(r -> r.getAttributes().get(SemanticAttributes.HTTP_REQUEST_METHOD_ORIGINAL))
                .containsExactly("PROPFIND", "get");
    }

    @Test
    void anUnpairedSurrogateIsReplacedInAttributesAsInTheBody() {
        sink.write(SampleEvents.full().withUserAgent("bot\uD800x"));

        LogRecordData record = onlyRecord();
        assertThat(record.getAttributes().get(SemanticAttributes.USER_AGENT_ORIGINAL)).isEqualTo("bot\uFFFDx");
        assertThat(record.getBodyValue().asString()).contains("\"original\":\"bot\uFFFDx\"");
    }

    @Test
    void aFailureInTheSdkIsCountedByThePipelineAndNeverThrown() {
        LogRecordProcessor failing = new LogRecordProcessor() {
            @Override
            public void onEmit(Context context, ReadWriteLogRecord logRecord) {
                throw new IllegalStateException("exporter down");
            }
        };
        try (OpenTelemetrySdk broken = OpenTelemetrySdk.builder()
                .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(failing).build()).build()) {
            AuditPipeline pipeline = AuditPipeline.of(OpenTelemetryAuditSink.create(broken));

            assertThatCode(() -> pipeline.emit(SampleEvents.full())).doesNotThrowAnyException();
            assertThat(pipeline.counters().failed()).isEqualTo(1);
            assertThat(pipeline.counters().written()).isZero();
        }
    }

    @Test
    void theDocumentedSetupWithoutSpringWritesEveryEventToBothSinks() {
        io.opentelemetry.api.OpenTelemetry openTelemetry = sdk;
        // docs/opentelemetry.md, "Without Spring"
        AuditPipeline pipeline = AuditPipeline.of(CompositeAuditSink.of(
                Slf4jAuditSink.create(),
                OpenTelemetryAuditSink.builder(openTelemetry).eventName("dev.httpaudit.exchange").build()));

        pipeline.emit(SampleEvents.full());

        assertThat(onlyRecord().getEventName()).isEqualTo("dev.httpaudit.exchange");
        assertThat(pipeline.counters().written()).isEqualTo(1);
        assertThat(pipeline.counters().failed()).isZero();
    }

    private static AuditEvent withOutcome(AuditEvent event, int status, Outcome outcome) {
        return new AuditEvent(event.sequence(), event.id(), event.start(), event.end(), event.durationNanos(), outcome,
                event.httpVersion(), event.request(), new AuditResponse(status, null, Map.of(), null), event.route(),
                event.url(), event.user(), event.client(), event.userAgent(), event.trace(), event.serviceName(),
                event.error(), event.labels());
    }

    private LogRecordData onlyRecord() {
        assertThat(exporter.getFinishedLogRecordItems()).hasSize(1);
        return exporter.getFinishedLogRecordItems().get(0);
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }
}
