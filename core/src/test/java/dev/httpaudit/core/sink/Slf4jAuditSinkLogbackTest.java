package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The SLF4J sink through a real Logback appender with Logstash Logback Encoder 9: the line it
 * writes is parsed back. The appender is attached to logger {@code http.audit} only for the
 * test, not additive, and removed afterwards.
 */
class Slf4jAuditSinkLogbackTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger auditLogger = context.getLogger(Slf4jAuditSink.DEFAULT_LOGGER);
    private OutputStreamAppender<ILoggingEvent> appender;

    private void attach(Encoder<ILoggingEvent> encoder, Level level) {
        encoder.setContext(context);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setName("test-" + getClass().getSimpleName());
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.setImmediateFlush(true);
        appender.start();
        auditLogger.addAppender(appender);
        auditLogger.setAdditive(false);
        auditLogger.setLevel(level);
    }

    private void attachLogstash(Level level) {
        attach(new LogstashEncoder(), level);
    }

    @AfterEach
    void detach() {
        MDC.clear();
        auditLogger.detachAppender(appender);
        appender.stop();
        auditLogger.setLevel(null);
        auditLogger.setAdditive(true);
    }

    private List<String> lines() {
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text.isEmpty() || text.endsWith("\n")).as("every line is complete").isTrue();
        return text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private JsonNode onlyLine() {
        List<String> lines = lines();
        assertThat(lines).as("lines written").hasSize(1);
        return StrictJson.parse(lines.get(0));
    }

    @Test
    void eventFieldsAreTopLevelNestedJsonWithTheSummaryAsMessage() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();

        Slf4jAuditSink.create().write(event);

        JsonNode line = onlyLine();
        assertThat(line.at("/http/response/status_code").isInt()).isTrue();
        assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(201);
        assertThat(line.at("/event/sequence").asLong()).isEqualTo(1042);
        assertThat(line.at("/event/duration").isIntegralNumber()).isTrue();
        assertThat(line.at("/http/request/headers/accept").isArray()).isTrue();
        assertThat(line.at("/http/request/headers/accept")).hasSize(2);
        assertThat(line.at("/labels/tenant").asString()).isEqualTo("acme");
        assertThat(line.get("message").asString()).isEqualTo(EcsFieldMapping.message(event))
                .isEqualTo("POST /api/orders 201 12.5ms");
        assertThat(line.get("logger_name").asString()).isEqualTo("http.audit");
        assertThat(line.get("level").asString()).isEqualTo("INFO");
    }

    @Test
    void everyEventFieldReadsBackAsTheJsonWriterWritesIt() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();

        Slf4jAuditSink.create().write(event);

        JsonNode line = onlyLine();
        JsonNode document = StrictJson.parse(EventJsonWriter.instance().toJson(event));
        Map<String, Object> fields = EcsFieldMapping.fields(event);
        assertThat(fields).isNotEmpty();
        for (String name : fields.keySet()) {
            assertThat(line.get(name)).as(name).isEqualTo(document.get(name));
        }
    }

    @Test
    void lineHasNoDuplicateKeys() {
        attachLogstash(Level.INFO);

        Slf4jAuditSink.create().write(SampleEvents.full());

        String line = lines().get(0);
        StrictJson.parse(line); // would throw on a duplicate
        assertThatThrownBy(() -> StrictJson.parse("{\"message\":\"a\",\"message\":\"b\"}"))
                .as("the strict parser does detect duplicates").isInstanceOf(JacksonException.class);
    }

    @Test
    void sinkNeverEmitsTheNamesTheEncoderOwns() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();
        assertThat(event.serviceName()).isNotNull();

        Slf4jAuditSink.create().write(event);

        JsonNode line = onlyLine();
        assertThat(line.has("service")).isFalse();
        assertThat(line.has("process")).isFalse();
        assertThat(line.has("log")).isFalse();
        assertThat(line.get("@timestamp").isString()).isTrue();
        assertThat(EcsFieldMapping.fields(event)).doesNotContainKeys("@timestamp", "message", "service", "process", "log");
    }

    @Test
    void jsonMessageOptionPutsTheWholeEventInTheMessageAndNoKeyValuePairs() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();

        Slf4jAuditSink.of("http.audit", org.slf4j.event.Level.INFO, Slf4jAuditSink.MessageFormat.JSON).write(event);

        JsonNode line = onlyLine();
        JsonNode message = StrictJson.parse(line.get("message").asString());
        assertThat(message).isEqualTo(StrictJson.parse(EventJsonWriter.instance().toJson(event)));
        assertThat(line.has("http")).isFalse();
        assertThat(line.has("event")).isFalse();
    }

    @Test
    void plainPatternLayoutShowsTheSummaryOrTheEventJson() {
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setPattern("%msg%n");
        attach(pattern, Level.INFO);
        AuditEvent event = SampleEvents.full();

        Slf4jAuditSink.create().write(event);
        Slf4jAuditSink.of("http.audit", org.slf4j.event.Level.INFO, Slf4jAuditSink.MessageFormat.JSON).write(event);

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("POST /api/orders 201 12.5ms");
        assertThat(StrictJson.parse(lines.get(1)).at("/http/response/status_code").asInt()).isEqualTo(201);
    }

    @Test
    void configuredLevelIsTheLevelOfTheLine() {
        attachLogstash(Level.INFO);

        Slf4jAuditSink.of("http.audit", org.slf4j.event.Level.WARN, Slf4jAuditSink.MessageFormat.SUMMARY)
                .write(SampleEvents.minimal());

        assertThat(onlyLine().get("level").asString()).isEqualTo("WARN");
    }

    @Test
    void nothingIsLoggedAndNothingMappedWhenTheLevelIsDisabled() {
        attachLogstash(Level.WARN);
        // A mock answers null to everything: mapping or summarizing it would throw.
        AuditEvent event = mock(AuditEvent.class);

        Slf4jAuditSink.create().write(event);
        Slf4jAuditSink.of("http.audit", org.slf4j.event.Level.INFO, Slf4jAuditSink.MessageFormat.JSON).write(event);

        verifyNoInteractions(event);
        assertThat(written.size()).isZero();
    }

    @Test
    void newlinesAndUnpairedSurrogatesInFieldsStayOnOneValidLine() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full()
                .withUser(UserInfo.named("eve\n{\"forged\":true}\r\n\uD800"))
                .withError(new ErrorInfo("x.Boom", "line1\nline2\u0000\"quoted\"\\"));

        Slf4jAuditSink.create().write(event);

        JsonNode line = onlyLine();
        assertThat(line.at("/user/name").asString()).isEqualTo("eve\n{\"forged\":true}\r\n\uFFFD");
        assertThat(line.at("/error/message").asString()).isEqualTo("line1\nline2\u0000\"quoted\"\\");
    }

    @Test
    void eachEventIsOneLine() {
        attachLogstash(Level.INFO);
        Slf4jAuditSink sink = Slf4jAuditSink.create();

        for (AuditEvent event : SampleEvents.all()) {
            sink.write(event);
        }

        List<String> lines = lines();
        assertThat(lines).hasSize(SampleEvents.all().size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(StrictJson.parse(lines.get(i)).at("/event/sequence").asLong())
                    .isEqualTo(SampleEvents.all().get(i).sequence());
        }
    }

    @Test
    void ecsVersionIsWrittenOnceThroughLogstashEncoder() {
        attachLogstash(Level.INFO);

        Slf4jAuditSink.create().write(SampleEvents.full());

        JsonNode line = onlyLine(); // strict: a second "ecs" would throw
        assertThat(line.at("/ecs/version").asString()).isEqualTo(EcsFieldMapping.ECS_VERSION).isEqualTo("9.4.0");
    }

    @Test
    void ecsVersionIsLeftOutForAnEncoderThatWritesItsOwn() {
        attachLogstash(Level.INFO);

        Slf4jAuditSink.builder().ecsVersion(false).build().write(SampleEvents.full());

        JsonNode line = onlyLine();
        assertThat(line.has("ecs")).isFalse();
        assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(201);
    }

    @Test
    void correlationIdIsInTheMdcWhileTheLineIsLoggedAndTheMdcIsRestoredAfter() {
        attachLogstash(Level.INFO);
        MDC.put("request_id", "outer-request");
        MDC.put("tenant", "acme");

        Slf4jAuditSink.create().write(SampleEvents.full());

        JsonNode line = onlyLine();
        assertThat(line.get("request_id").asString()).isEqualTo(SampleEvents.full().request().id());
        assertThat(line.get("tenant").asString()).isEqualTo("acme");
        assertThat(line.has("traceId")).as("no trace MDC keys unless configured").isFalse();
        assertThat(MDC.get("request_id")).isEqualTo("outer-request");
        assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("request_id", "tenant");
    }

    @Test
    void mdcThatAlreadyHoldsTheEventsIdsKeepsThem() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();
        MDC.put("request_id", event.request().id());
        MDC.put("traceId", event.trace().traceId());

        Slf4jAuditSink.builder().traceMdcKeys("traceId", "spanId").build().write(event);

        JsonNode line = onlyLine();
        assertThat(line.get("request_id").asString()).isEqualTo(event.request().id());
        assertThat(line.get("spanId").asString()).isEqualTo(event.trace().spanId());
        assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry("request_id", event.request().id()),
                Map.entry("traceId", event.trace().traceId()));
    }

    @Test
    void keyConfiguredTwiceEndsAsItWas() {
        attachLogstash(Level.INFO);
        MDC.put("id", "outer");

        Slf4jAuditSink.builder().correlationIdMdcKey("id").traceMdcKeys("id", null).build().write(SampleEvents.full());

        assertThat(onlyLine().get("id").asString()).isEqualTo(SampleEvents.full().trace().traceId());
        assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry("id", "outer"));
    }

    @Test
    void configuredKeysCarryTheCorrelationTraceAndSpanIdsAndAreRemovedAfter() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();

        Slf4jAuditSink.builder().correlationIdMdcKey("correlation").traceMdcKeys("traceId", "spanId").build()
                .write(event);

        JsonNode line = onlyLine();
        assertThat(line.get("correlation").asString()).isEqualTo(event.request().id());
        assertThat(line.get("traceId").asString()).isEqualTo(event.trace().traceId());
        assertThat(line.get("spanId").asString()).isEqualTo(event.trace().spanId());
        assertThat(line.has("request_id")).isFalse();
        Map<String, String> after = MDC.getCopyOfContextMap();
        assertThat(after == null ? Map.of() : after).isEmpty();
    }

    @Test
    void absentIdsAndDisabledKeysPutNothingInTheMdc() {
        attachLogstash(Level.INFO);

        Slf4jAuditSink.builder().traceMdcKeys("traceId", "spanId").build().write(SampleEvents.minimal());
        Slf4jAuditSink.builder().correlationIdMdcKey(null).build().write(SampleEvents.full());

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode minimal = StrictJson.parse(lines.get(0));
        assertThat(minimal.has("request_id")).isFalse();
        assertThat(minimal.has("traceId")).isFalse();
        assertThat(minimal.has("spanId")).isFalse();
        assertThat(StrictJson.parse(lines.get(1)).has("request_id")).isFalse();
    }

    @Test
    void plainPatternLayoutSeesTheCorrelationIdInTheMdc() {
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setPattern("[%X{request_id}] %msg%n");
        attach(pattern, Level.INFO);

        Slf4jAuditSink.of("http.audit", org.slf4j.event.Level.INFO, Slf4jAuditSink.MessageFormat.JSON)
                .write(SampleEvents.full());

        String line = lines().get(0);
        assertThat(line).startsWith("[4bf92f3577b34da6a3ce929d0e0e4736] {");
    }

    @Test
    void asyncWriterThreadLinesCarryTheEventsCorrelationAndTraceIds() {
        attachLogstash(Level.INFO);
        AuditEvent event = SampleEvents.full();
        AtomicReference<Map<String, String>> writerMdcAfter = new AtomicReference<>();
        Slf4jAuditSink slf4j = Slf4jAuditSink.builder().traceMdcKeys("traceId", "spanId").build();
        AuditSink recordingMdcAfterWrite = new AuditSink() {
            @Override
            public void write(AuditEvent e) {
                slf4j.write(e);
                Map<String, String> mdc = MDC.getCopyOfContextMap();
                writerMdcAfter.set(mdc == null ? Map.of() : mdc);
            }
        };
        MDC.put("request_id", "request-thread-value");

        AsyncAuditSink async = AsyncAuditSink.builder(recordingMdcAfterWrite).build();
        async.write(event);
        async.close();

        JsonNode line = onlyLine();
        assertThat(line.get("thread_name").asString()).isEqualTo("http-audit-writer");
        assertThat(line.get("request_id").asString()).isEqualTo(line.at("/http/request/id").asString())
                .isEqualTo(event.request().id());
        assertThat(line.get("traceId").asString()).isEqualTo(line.at("/trace/id").asString());
        assertThat(line.get("spanId").asString()).isEqualTo(line.at("/span/id").asString());
        assertThat(writerMdcAfter.get()).as("the writer thread's MDC after the line").isEmpty();
        assertThat(async.counters().written()).isEqualTo(1);
    }
}
