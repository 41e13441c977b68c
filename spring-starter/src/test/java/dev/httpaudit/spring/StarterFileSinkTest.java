package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code http-audit.sink.file.path} with the async queue on: events reach both the SLF4J
 * sink and the JSON lines file (which carries {@code service.name}), through the queue, and
 * the queue depth is a meter.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.application.name=orders",
                "http-audit.sink.file.path=target/test-logs/StarterFileSinkTest/audit-lines.json",
                "http-audit.async.enabled=true",
                "http-audit.async.queue-capacity=64"})
class StarterFileSinkTest {

    static {
        AuditLog.useFolder("StarterFileSinkTest");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @Autowired
    MeterRegistry meters;

    @Test
    void eventsReachTheLogAndTheFileThroughTheQueueWithServiceName() {
        Http http = new Http(port);
        String id = Http.newId();
        http.postJson("/api/orders", id, "{\"item\":\"pen\"}");

        JsonNode fileLine = AuditLog.of(Path.of("target/test-logs/StarterFileSinkTest/audit-lines.json")).awaitRequest(id);
        assertThat(fileLine.path("service").path("name").asString()).isEqualTo("orders");
        assertThat(fileLine.path("@timestamp").asString()).isEqualTo(fileLine.path("event").path("end").asString());
        assertThat(fileLine.path("message").asString()).startsWith("POST /api/orders 201 ");
        JsonNode logLine = AuditLog.audit().awaitRequest(id);
        assertThat(logLine.path("event").path("id").asString()).isEqualTo(fileLine.path("event").path("id").asString());
        assertThat(logLine.has("service")).isFalse();

        assertThat(pipeline.sink()).isInstanceOf(AsyncAuditSink.class);
        await().untilAsserted(() ->
                assertThat(meters.get("http.audit.events.written").functionCounter().count()).isGreaterThanOrEqualTo(1));
        assertThat(meters.get("http.audit.queue.depth").gauge().value()).isBetween(0.0, 64.0);
    }

    @Test
    void lineWrittenOnTheQueuesWriterThreadCarriesTheCorrelationIdOfItsExchange() {
        Http http = new Http(port);
        String id = Http.newId();
        http.postJson("/api/orders", id, "{\"item\":\"cup\"}");

        JsonNode logLine = AuditLog.audit().awaitRequest(id);
        assertThat(logLine.path("thread_name").asString()).isEqualTo("http-audit-writer");
        assertThat(logLine.path("request_id").asString()).isEqualTo(logLine.path("http").path("request").path("id").asString())
                .isEqualTo(id);
        assertThat(logLine.path("ecs").path("version").asString()).isEqualTo(EcsFieldMapping.ECS_VERSION);
        JsonNode fileLine = AuditLog.of(Path.of("target/test-logs/StarterFileSinkTest/audit-lines.json")).awaitRequest(id);
        assertThat(fileLine.path("ecs").path("version").asString()).isEqualTo(EcsFieldMapping.ECS_VERSION);
    }
}
