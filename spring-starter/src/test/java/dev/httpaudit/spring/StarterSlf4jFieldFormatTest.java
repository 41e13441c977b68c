package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code http-audit.sink.fields}: behind logback-test.xml's {@code LogstashEncoder} (LLE 9
 * here, LLE 8 in spring-boot3-compat) the default ({@code auto}) hands the fields over as raw
 * JSON markers, and its line for a real exchange is the very line that key-value pairs give
 * for the same event: redacted JSON, a form body, bytes that are not UTF-8, a body cut to the
 * event size limit.
 */
@SpringBootTest(classes = {AuditTestApplication.class, StarterSlf4jFieldFormatTest.Sinks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=orders", "http-audit.max-event-bytes=4KB"})
class StarterSlf4jFieldFormatTest {

    private static final String SECRET = "pa55-w0rd-value";

    static {
        AuditLog.useFolder("StarterSlf4jFieldFormatTest");
    }

    /** The starter's SLF4J sink as a bean beside one that keeps the events (the README recipe). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Sinks {
        @Bean
        InMemoryAuditSink keptEvents() {
            return InMemoryAuditSink.create();
        }

        @Bean
        Slf4jAuditSink slf4jAuditSink(HttpAuditProperties properties, Environment environment) {
            return HttpAuditSinks.slf4j(properties, environment);
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    InMemoryAuditSink keptEvents;

    @Autowired
    HttpAuditProperties properties;

    @Autowired
    Environment environment;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    /** The class names of the markers on each audit line, seen as the line is logged. */
    private final Set<String> markerTypes = ConcurrentHashMap.newKeySet();
    private final TurboFilter markerWatch = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                Throwable t) {
            if (marker != null && logger.getName().equals(Slf4jAuditSink.DEFAULT_LOGGER)) {
                markerTypes.add(marker.getClass().getSimpleName());
            }
            return FilterReply.NEUTRAL;
        }
    };

    @BeforeEach
    void watchMarkers() {
        markerWatch.start();
        context.addTurboFilter(markerWatch);
    }

    @AfterEach
    void stopWatching() {
        context.getTurboFilterList().remove(markerWatch);
    }

    @Test
    void defaultRawMarkersWriteTheLineKeyValuePairsWriteForTheSameExchanges() {
        Http http = new Http(port);
        List<String> ids = List.of(Http.newId(), Http.newId(), Http.newId(), Http.newId());
        http.postJson("/api/orders", ids.get(0), "{\"item\":\"book\",\"password\":\"" + SECRET + "\"}");
        http.postForm("/api/feedback", ids.get(1), "name=alice&message=caf%C3%A9+%E2%80%A8&password=" + SECRET);
        http.send(http.request("/api/orders", ids.get(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        "{\"item\":\"\u00ff\u00fe bad\"}".getBytes(StandardCharsets.ISO_8859_1))).build());
        http.postJson("/api/orders", ids.get(3), "{\"item\":\"" + "x".repeat(12_000) + "\"}");

        Slf4jAuditSink keyValues = HttpAuditSinks.slf4j(withFields(Slf4jAuditSink.FieldFormat.KEY_VALUES), environment);
        for (String id : ids) {
            JsonNode raw = AuditLog.audit().awaitRequest(id);
            await().until(() -> eventOf(id) != null);
            keyValues.write(eventOf(id));
            await().until(() -> AuditLog.audit().linesFor(id).size() == 2);
            List<JsonNode> lines = AuditLog.audit().linesFor(id);

            assertThat(comparable(lines.get(1))).as(id).isEqualTo(comparable(raw));
            assertThat(raw.toString()).doesNotContain(SECRET);
        }
        assertThat(eventOf(ids.get(3)).request().body().truncated()).as("cut to the size limit").isTrue();
        assertThat(markerTypes).as("the default sink's lines carried raw JSON markers")
                .contains("RawJsonAppendingMarker");
    }

    @Test
    void fieldsPropertyBindsEveryFormatAndDefaultsToAuto() {
        assertThat(properties.getSink().getFields()).isEqualTo(Slf4jAuditSink.FieldFormat.AUTO);
        for (Slf4jAuditSink.FieldFormat format : Slf4jAuditSink.FieldFormat.values()) {
            String written = format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            HttpAuditProperties bound = new org.springframework.boot.context.properties.bind.Binder(
                    new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                            Map.of("http-audit.sink.fields", written)))
                    .bind("http-audit", HttpAuditProperties.class).get();
            assertThat(bound.getSink().getFields()).as(written).isEqualTo(format);
        }
    }

    private HttpAuditProperties withFields(Slf4jAuditSink.FieldFormat format) {
        HttpAuditProperties copy = new HttpAuditProperties();
        copy.getSink().setLogger(properties.getSink().getLogger());
        copy.getCorrelation().setMdcKey(properties.getCorrelation().getMdcKey());
        copy.getSink().setFields(format);
        return copy;
    }

    private AuditEvent eventOf(String id) {
        return keptEvents.events().stream().filter(event -> id.equals(event.request().id())).findFirst().orElse(null);
    }

    /** A line without what depends on when and on which thread it was logged. */
    private static ObjectNode comparable(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.remove(List.of("@timestamp", "thread_name"));
        return copy;
    }
}
