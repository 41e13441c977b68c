package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.spring.otel.OtelRecords;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * The starter with {@code http-audit.opentelemetry.enabled=true}, an application
 * {@link OpenTelemetry} bean (the real SDK, in-memory exporter), Micrometer Tracing (Brave)
 * continuing an inbound {@code traceparent}, and the async queue: real exchanges become log
 * records with the exchange's trace context, written on the queue's thread, and the default
 * SLF4J line is still written beside them.
 */
@SpringBootTest(classes = {AuditTestApplication.class, StarterOpenTelemetryTest.Sdk.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.opentelemetry.enabled=true",
                "http-audit.async.enabled=true",
                "management.tracing.sampling.probability=1.0",
                // tests switch tracing off by default: Boot 4 and Boot 3.5 name the switch differently
                "management.tracing.export.enabled=true", "management.tracing.enabled=true"})
class StarterOpenTelemetryTest {

    static {
        AuditLog.useFolder("StarterOpenTelemetryTest");
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

    @TestConfiguration(proxyBeanMethods = false)
    static class Sdk {
        @Bean
        InMemoryLogRecordExporter exporter() {
            return InMemoryLogRecordExporter.create();
        }

        @Bean(destroyMethod = "close")
        OpenTelemetry openTelemetry(InMemoryLogRecordExporter exporter) {
            return OtelRecords.sdk(exporter);
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    InMemoryLogRecordExporter exporter;

    @Autowired
    AuditPipeline pipeline;

    @Test
    void anExchangeBecomesARecordWithItsTraceBesideTheSlf4jLine() {
        assertThat(pipeline.sink()).isInstanceOf(AsyncAuditSink.class);
        String id = Http.newId();
        String password = "alice-pw";
        String basic = Base64.getEncoder().encodeToString(("alice:" + password).getBytes(StandardCharsets.UTF_8));
        String queryToken = "q-s3cr3t-Vb71";
        Http http = new Http(port);
        HttpResponse<String> response = http.send(http.request("/api/me?token=" + queryToken, id)
                .header("Authorization", "Basic " + basic)
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
                .GET().build());
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode line = AuditLog.audit().awaitRequest(id);
        LogRecordData record = awaitRecord(id);

        // The record has the exchange's trace (the server span Micrometer Tracing made current for
        // the request), though it is written on the queue's thread, where no span is current.
        // Whether Brave continues the inbound traceparent is Boot's doing (Boot 4 does; the Boot
        // 3.5 rerun starts a trace of its own): OpenTelemetryExchangeTest in otel-sink proves a
        // continued traceparent end to end.
        assertThat(line.path("trace").path("id").asString()).matches("[0-9a-f]{32}");
        assertThat(record.getSpanContext().getTraceId()).isEqualTo(line.path("trace").path("id").asString());
        assertThat(record.getSpanContext().getSpanId()).isEqualTo(line.path("span").path("id").asString())
                .isNotEqualTo(CALLER_SPAN_ID);
        assertThat(record.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
        assertThat(record.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/api/me");
        assertThat(record.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(record.getAttributes().get(AttributeKey.stringKey("user.name"))).isEqualTo("alice");
        assertThat(record.getAttributes().get(AttributeKey.stringKey("url.query"))).isEqualTo("token=***");
        assertThat(record.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.authorization")))
                .containsExactly("***");
        assertThat(record.getAttributes().get(AttributeKey.stringKey("log.record.uid")))
                .isEqualTo(line.path("event").path("id").asString());
        assertThat(record.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(OtelRecords.eventName(record)).isEqualTo("dev.httpaudit.exchange");

        String everything = record.getBodyValue().asString() + record.getAttributes();
        for (String secret : List.of(password, basic, queryToken)) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    @Test
    void aRejectedRequestIsAWarning() {
        String id = Http.newId();
        assertThat(new Http(port).get("/api/me", id).statusCode()).isEqualTo(401);

        LogRecordData record = awaitRecord(id);
        assertThat(record.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(record.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(401L);
        assertThat(AuditLog.audit().awaitRequest(id).path("event").path("outcome").asString()).isEqualTo("failure");
    }

    private LogRecordData awaitRecord(String requestId) {
        await().until(() -> find(requestId).isPresent());
        return find(requestId).orElseThrow();
    }

    private Optional<LogRecordData> find(String requestId) {
        return exporter.getFinishedLogRecordItems().stream()
                .filter(record -> record.getBodyValue() != null
                        && record.getBodyValue().asString().contains("\"id\":\"" + requestId + "\""))
                .findFirst();
    }
}
