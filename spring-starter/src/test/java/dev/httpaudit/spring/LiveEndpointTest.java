package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The live view's endpoint and the page's data over real HTTP in a Boot app with real Spring
 * Security: alice has ADMIN, bob only USER; the application's own rules permit these paths, so
 * every refusal here is the live view's own.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"http-audit.live.enabled=true", "management.endpoints.web.exposure.include=httpaudit"})
class LiveEndpointTest {

    static {
        AuditLog.useFolder("LiveEndpointTest");
    }

    private static final String ALICE = Http.basic("alice", "alice-pw");
    private static final String BOB = Http.basic("bob", "bob-pw");

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = http.request(path, Http.newId()).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    /** The endpoint's answer as alice, after it shows the exchange with this correlation ID. */
    private JsonNode endpoint(String query, String awaitedId) {
        String path = "/actuator/httpaudit" + (query.isEmpty() ? "" : "?" + query);
        List<JsonNode> answer = new ArrayList<>();
        await().untilAsserted(() -> {
            HttpResponse<String> response = get(path, ALICE);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = AuditLog.STRICT.readTree(response.body());
            if (awaitedId != null) {
                assertThat(requestIds(body)).contains(awaitedId);
            }
            answer.add(body);
        });
        return answer.get(answer.size() - 1);
    }

    private static List<String> requestIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("events").forEach(event -> ids.add(event.path("http").path("request").path("id").asString()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anonymousRequestsGet401AndUsersWithoutTheRoleGet403() {
        for (String path : List.of("/actuator/httpaudit", "/actuator/httpaudit/some-id", "/http-audit/",
                "/http-audit/app.js", "/http-audit/api/events", "/http-audit/api/export.ndjson", "/http-audit/api/export.csv")) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).doesNotContain("event", "http.request");
            assertThat(get(path, BOB).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(get("/actuator/httpaudit", ALICE).statusCode()).isEqualTo(200);
        assertThat(get("/http-audit/api/events", ALICE).statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/http-audit/", ALICE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(get("/http-audit", ALICE).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/http-audit/"));
    }

    @Test
    void filtersSelectByStatusMethodPathUserCorrelationIdTimeAndDuration() {
        Instant before = Instant.now().minusSeconds(1);
        String read = Http.newId();
        http.get("/api/orders/1", read);
        String failed = Http.newId();
        http.get("/api/fail", failed);
        String created = Http.newId();
        http.send(http.request("/api/orders", created).header("Authorization", ALICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}")).build());
        endpoint("limit=1000", created);
        endpoint("limit=1000", failed);
        endpoint("limit=1000", read);

        assertThat(requestIds(endpoint("status=5xx&limit=1000", null))).contains(failed).doesNotContain(read, created);
        assertThat(requestIds(endpoint("status=201&limit=1000", null))).contains(created).doesNotContain(read, failed);
        assertThat(requestIds(endpoint("method=post&limit=1000", null))).contains(created).doesNotContain(read, failed);
        assertThat(requestIds(endpoint("path=" + encode("/api/orders/*") + "&limit=1000", null)))
                .contains(read).doesNotContain(created, failed);
        assertThat(requestIds(endpoint("user=alice&limit=1000", null))).contains(created).doesNotContain(read, failed);
        assertThat(requestIds(endpoint("correlationId=" + failed, null))).containsExactly(failed);
        assertThat(requestIds(endpoint("from=" + before + "&to=" + Instant.now().plusSeconds(60) + "&correlationId=" + read, null)))
                .containsExactly(read);
        assertThat(requestIds(endpoint("from=" + Instant.now().plusSeconds(60), null))).isEmpty();
        assertThat(requestIds(endpoint("minDurationMs=3600000", null))).isEmpty();
        JsonNode filtered = endpoint("status=5xx&limit=1000", null);
        filtered.path("events").forEach(event ->
                assertThat(event.path("http").path("response").path("status_code").asInt()).isBetween(500, 599));
    }

    @Test
    void limitReturnsTheNewestFirstWithTheCountersAndTheBufferAlongside() {
        List<String> ids = List.of(Http.newId(), Http.newId(), Http.newId());
        for (String id : ids) {
            http.get("/api/public", id);
            endpoint("limit=1000", id); // one after the other: their order in the buffer is known
        }
        JsonNode body = endpoint("limit=2&path=/api/public", null);
        assertThat(requestIds(body)).containsExactly(ids.get(2), ids.get(1));
        assertThat(body.path("matched").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(body.path("counters").path("written").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(body.path("counters").has("dropped")).isTrue();
        assertThat(body.path("counters").has("failed")).isTrue();
        assertThat(body.path("buffer").path("maxEvents").asInt()).isEqualTo(1000);
        assertThat(body.path("buffer").path("events").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode event = body.path("events").get(0);
        assertThat(event.path("ecs").path("version").asString()).isNotEmpty();
        assertThat(event.path("message").asString()).startsWith("GET /api/public 200");
    }

    @Test
    void oneEventByItsIdIsItsEcsDocumentAndAnUnknownIdIs404() {
        String id = Http.newId();
        http.get("/api/orders/42", id);
        JsonNode listed = endpoint("correlationId=" + id, id).path("events").get(0);
        String eventId = listed.path("event").path("id").asString();

        HttpResponse<String> one = get("/actuator/httpaudit/" + eventId, ALICE);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(AuditLog.STRICT.readTree(one.body())).isEqualTo(listed);
        HttpResponse<String> page = get("/http-audit/api/events/" + eventId, ALICE);
        assertThat(AuditLog.STRICT.readTree(page.body())).isEqualTo(listed);

        assertThat(get("/actuator/httpaudit/no-such-event", ALICE).statusCode()).isEqualTo(404);
        assertThat(get("/http-audit/api/events/no-such-event", ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreadableFilterIs400NamingIt() {
        HttpResponse<String> endpoint = get("/actuator/httpaudit?status=teapot", ALICE);
        assertThat(endpoint.statusCode()).isEqualTo(400);
        assertThat(endpoint.body()).contains("status");
        HttpResponse<String> page = get("/http-audit/api/events?from=yesterday", ALICE);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(AuditLog.STRICT.readTree(page.body()).path("error").asString()).contains("from");
    }

    @Test
    void aSecretSentInARequestNeverAppearsInAnyOutputOfTheView() {
        String secret = "hunter2-live-" + Http.newId();
        String id = Http.newId();
        http.send(http.request("/api/orders?access_token=" + secret, id).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + secret).header("Cookie", "SESSION=" + secret)
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"password\":\"" + secret + "\"}")).build());
        JsonNode listed = endpoint("correlationId=" + id, id);
        String eventId = listed.path("events").get(0).path("event").path("id").asString();
        assertThat(listed.path("events").get(0).path("http").path("request").path("body").path("content").asString())
                .contains("book");

        List<String> outputs = List.of(listed.toString(),
                get("/actuator/httpaudit?limit=1000", ALICE).body(),
                get("/actuator/httpaudit/" + eventId, ALICE).body(),
                get("/http-audit/api/events?limit=1000", ALICE).body(),
                get("/http-audit/api/events/" + eventId, ALICE).body(),
                get("/http-audit/api/export.ndjson?limit=1000", ALICE).body(),
                get("/http-audit/api/export.csv?limit=1000", ALICE).body());
        for (String output : outputs) {
            assertThat(output).contains(id).doesNotContain(secret);
        }
        assertThat(AuditLog.audit().awaitRequest(id).toString()).doesNotContain(secret);
    }

    @Test
    void exportsHoldTheFilteredRowsAsNdjsonAndCsv() {
        String id = Http.newId();
        http.get("/api/fail", id);
        endpoint("correlationId=" + id, id);

        HttpResponse<String> ndjson = get("/http-audit/api/export.ndjson?status=5xx&limit=1000", ALICE);
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        List<String> lines = ndjson.body().lines().toList();
        assertThat(lines).isNotEmpty();
        List<String> exported = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = AuditLog.STRICT.readTree(line);
            assertThat(event.path("http").path("response").path("status_code").asInt()).isBetween(500, 599);
            exported.add(event.path("http").path("request").path("id").asString());
        }
        assertThat(exported).contains(id);

        HttpResponse<String> csv = get("/http-audit/api/export.csv?correlationId=" + id, ALICE);
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("@timestamp,event.id,http.request.method,url.path,http.route,"
                + "http.response.status_code,event.duration,event.outcome,user.name,http.request.id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).contains(",GET,/api/fail,", ",500,", ",failure,", id);
    }

    @Test
    void theViewsOwnRequestsAreNotInTheView() {
        for (int i = 0; i < 3; i++) {
            get("/http-audit/api/events", ALICE);
            get("/http-audit/", ALICE);
            get("/actuator/httpaudit", ALICE);
        }
        String marker = Http.newId();
        http.get("/api/public", marker);
        JsonNode body = endpoint("limit=1000", marker);
        body.path("events").forEach(event -> assertThat(event.path("url").path("path").asString())
                .doesNotStartWith("/http-audit").doesNotStartWith("/actuator"));
    }
}
