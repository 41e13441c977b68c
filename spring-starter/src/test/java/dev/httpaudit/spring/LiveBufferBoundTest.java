package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * 100,000 exchanges through the starter's pipeline (in-process, as the filter hands them over:
 * enrichment, redaction, the size limit, every sink), bodies of varying size: the buffer, read
 * over real HTTP through the endpoint, keeps exactly the newest events that fit both bounds.
 * The log is switched off here: it is not what this test measures, and 100,000 lines would
 * only slow it.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"http-audit.live.enabled=true", "http-audit.live.max-bytes=800KB",
                "management.endpoints.web.exposure.include=httpaudit", "logging.level.http.audit=off"})
class LiveBufferBoundTest {

    static {
        AuditLog.useFolder("LiveBufferBoundTest");
    }

    private static final int EXCHANGES = 100_000;

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @Test
    void aHundredThousandExchangesLeaveTheNewestThatFitTheCountAndTheBytes() {
        for (int i = 0; i < EXCHANGES; i++) {
            String body = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 1400) + "\"}";
            emit("bulk-" + i, "/api/bulk", Body.captured(body.length(), body, false));
        }
        JsonNode body = endpoint("limit=100000");

        JsonNode buffer = body.path("buffer");
        int kept = buffer.path("events").asInt();
        assertThat(kept).as("the bytes bound first").isBetween(1, 999);
        assertThat(buffer.path("bytes").asLong()).isLessThanOrEqualTo(800 * 1024);
        assertThat(buffer.path("evicted").asLong()).isGreaterThanOrEqualTo(EXCHANGES - kept); // the other test may have run first
        List<String> ids = new ArrayList<>();
        body.path("events").forEach(event -> ids.add(event.path("http").path("request").path("id").asString()));
        List<String> newest = new ArrayList<>();
        for (int i = EXCHANGES - 1; i >= EXCHANGES - kept; i--) {
            newest.add("bulk-" + i);
        }
        assertThat(ids).isEqualTo(newest);
        assertThat(body.path("counters").path("written").asLong()).isGreaterThanOrEqualTo(EXCHANGES);
    }

    @Test
    void withSmallEventsTheCountIsTheBound() {
        for (int i = 0; i < 5_000; i++) {
            emit("small-" + i, "/api/small", null);
        }
        JsonNode body = endpoint("limit=1");
        assertThat(body.path("buffer").path("events").asInt()).isEqualTo(1000);
        assertThat(body.path("events").get(0).path("http").path("request").path("id").asString()).isEqualTo("small-4999");
    }

    /** One exchange handed to the pipeline as the filter hands it over. */
    private void emit(String correlationId, String path, @org.jspecify.annotations.Nullable Body body) {
        Instant now = Instant.now();
        pipeline.emit(AuditEvent.builder()
                .timing(now, now, 1_000)
                .request(new AuditRequest(correlationId, body == null ? "GET" : "POST", body == null ? null : "application/json",
                        Map.of(), body))
                .response(new AuditResponse(body == null ? 200 : 201, null, Map.of(), null))
                .url(new UrlInfo(path, null, "http", "localhost", port))
                .build());
    }

    /** The endpoint's answer over real HTTP, as alice (ADMIN). */
    private JsonNode endpoint(String query) {
        Http http = new Http(port);
        HttpResponse<String> response = http.send(http.request("/actuator/httpaudit?" + query, Http.newId())
                .header("Authorization", Http.basic("alice", "alice-pw")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return AuditLog.STRICT.readTree(response.body());
    }
}
