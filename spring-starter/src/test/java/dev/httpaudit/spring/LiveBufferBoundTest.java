package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
        Instant start = Instant.now();
        for (int i = 0; i < EXCHANGES; i++) {
            String body = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 1400) + "\"}";
            pipeline.emit(AuditEvent.builder()
                    .timing(start, start, 1_000)
                    .request(new AuditRequest("bulk-" + i, "POST", "application/json", Map.of(),
                            Body.captured(body.length(), body, false)))
                    .response(new AuditResponse(201, null, Map.of(), null))
                    .url(new UrlInfo("/api/bulk", null, "http", "localhost", port))
                    .build());
        }
        Http http = new Http(port);
        HttpResponse<String> response = http.send(http.request("/actuator/httpaudit?limit=100000", Http.newId())
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = AuditLog.STRICT.readTree(response.body());

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
        Instant start = Instant.now();
        for (int i = 0; i < 5_000; i++) {
            pipeline.emit(AuditEvent.builder()
                    .timing(start, start, 1_000)
                    .request(new AuditRequest("small-" + i, "GET", null, Map.of(), null))
                    .response(new AuditResponse(200, null, Map.of(), null))
                    .url(new UrlInfo("/api/small", null, "http", "localhost", port))
                    .build());
        }
        Http http = new Http(port);
        HttpResponse<String> response = http.send(http.request("/actuator/httpaudit?limit=1", Http.newId())
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8))).GET().build());
        JsonNode body = AuditLog.STRICT.readTree(response.body());
        assertThat(body.path("buffer").path("events").asInt()).isEqualTo(1000);
        assertThat(body.path("events").get(0).path("http").path("request").path("id").asString()).isEqualTo("small-4999");
    }
}
