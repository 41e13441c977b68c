package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The async queue with Micrometer Tracing on and a custom {@code http-audit.correlation.mdc-key}:
 * lines written by the queue's writer thread, through the real Logback + LogstashEncoder
 * configuration, carry the exchange's correlation ID under the configured key and its trace
 * and span IDs under Micrometer's keys, as lines written on the request thread do.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.async.enabled=true",
                "http-audit.correlation.mdc-key=correlation_id",
                "management.tracing.sampling.probability=1.0",
                // tests switch tracing off by default: Boot 4 and Boot 3.5 name the switch differently
                "management.tracing.export.enabled=true", "management.tracing.enabled=true"})
class StarterAsyncMdcTest {

    static {
        AuditLog.useFolder("StarterAsyncMdcTest");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @Test
    void writerThreadLinesCarryTheConfiguredCorrelationKeyAndTheTraceIds() {
        assertThat(pipeline.sink()).isInstanceOf(AsyncAuditSink.class);
        Http http = new Http(port);
        String created = Http.newId();
        http.postJson("/api/orders", created, "{\"item\":\"lamp\"}");
        String denied = Http.newId();
        http.get("/api/me", denied);

        for (String id : List.of(created, denied)) {
            JsonNode line = AuditLog.audit().awaitRequest(id);
            assertThat(line.path("thread_name").asString()).isEqualTo("http-audit-writer");
            assertThat(line.path("correlation_id").asString()).isEqualTo(line.path("http").path("request").path("id").asString())
                    .isEqualTo(id);
            assertThat(line.has("request_id")).as("only the configured key").isFalse();
            assertThat(line.path("trace").path("id").asString()).matches("[0-9a-f]{32}");
            assertThat(line.path("traceId").asString()).isEqualTo(line.path("trace").path("id").asString());
            assertThat(line.path("spanId").asString()).isEqualTo(line.path("span").path("id").asString());
        }
    }

    @Test
    void applicationLinesDuringTheRequestUseTheSameKeys() {
        Http http = new Http(port);
        String id = Http.newId();
        http.get("/api/slow", id);

        JsonNode audit = AuditLog.audit().awaitRequest(id);
        JsonNode app = AuditLog.application().awaitLine(node ->
                "computing the slow answer".equals(node.path("message").asString(null))
                        && id.equals(node.path("correlation_id").asString(null)));
        assertThat(audit.path("correlation_id").asString()).isEqualTo(app.path("correlation_id").asString());
        assertThat(audit.path("traceId").asString()).isEqualTo(app.path("traceId").asString());
    }
}
