package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The README's "keep both sinks" recipe: an application sink bean plus
 * {@link HttpAuditSinks#slf4j(HttpAuditProperties, Environment)} as a bean. Every exchange reaches both,
 * and the SLF4J line keeps {@code http-audit.sink.logger}, {@code sink.level} and
 * {@code sink.message}.
 */
@SpringBootTest(classes = {AuditTestApplication.class, StarterSinkRecipeTest.AuditSinks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.sink.logger=recipe.audit",
                "http-audit.sink.level=warn",
                "http-audit.sink.message=json"})
class StarterSinkRecipeTest {

    static {
        AuditLog.useFolder("StarterSinkRecipeTest");
    }

    /** The recipe, as the README shows it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AuditSinks {

        @Bean
        InMemoryAuditSink mySink() {
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
    InMemoryAuditSink mySink;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureTheConfiguredLogger() {
        // After Spring Boot has set up Logback, which would drop an appender added earlier.
        lines.start();
        ((Logger) LoggerFactory.getLogger("recipe.audit")).addAppender(lines);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger("recipe.audit")).detachAppender(lines);
    }

    @Test
    void bothSinksGetEveryExchangeAndTheLogLineKeepsTheSinkProperties() {
        String id = Http.newId();
        new Http(port).get("/api/orders/7", id);

        await().until(() -> mySink.events().stream().anyMatch(event -> id.equals(event.request().id())));
        AuditEvent mine = mySink.events().stream().filter(event -> id.equals(event.request().id())).findFirst().orElseThrow();
        await().until(() -> linesOf(id).size() == 1);
        ILoggingEvent line = linesOf(id).get(0);

        assertThat(line.getLoggerName()).isEqualTo("recipe.audit");
        assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        JsonNode json = AuditLog.STRICT.readTree(line.getFormattedMessage()); // message=json: the whole event
        assertThat(json.path("http").path("request").path("id").asString()).isEqualTo(id);
        assertThat(json.path("event").path("id").asString()).isEqualTo(mine.id());
        assertThat(AuditLog.audit().linesFor(id)).as("nothing on the default http.audit logger").isEmpty();
    }

    private List<ILoggingEvent> linesOf(String id) {
        synchronized (lines) {
            return List.copyOf(lines.list).stream().filter(line -> line.getFormattedMessage().contains(id)).toList();
        }
    }
}
