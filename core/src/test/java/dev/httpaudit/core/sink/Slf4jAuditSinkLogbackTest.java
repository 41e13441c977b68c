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
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.json.EventSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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
        assertThat(line.get("message").asString()).isEqualTo(EventSummary.of(event))
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
}
