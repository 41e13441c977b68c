package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The starter in a real Spring Boot app on a random port, with real Spring Security and the
 * real Logback + LogstashEncoder configuration: every assertion reads the audit lines the
 * encoder wrote.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=orders", "management.tracing.sampling.probability=1.0",
                // tests switch tracing off by default: Boot 4 and Boot 3.5 name the switch differently
                "management.tracing.export.enabled=true", "management.tracing.enabled=true"})
class StarterAuditTest {

    static {
        AuditLog.useFolder("StarterAuditTest");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry meters;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonExchangeIsAuditedAsTopLevelEcsFieldsWithItsRoute() {
        String id = Http.newId();
        HttpResponse<String> response = http.postJson("/api/orders", id,
                "{\"item\":\"book\",\"password\":\"hunter2-secret\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("message").asString()).startsWith("POST /api/orders 201 ");
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(201);
        assertThat(line.path("http").path("request").path("method").asString()).isEqualTo("POST");
        assertThat(line.path("http").path("route").asString()).isEqualTo("/api/orders");
        assertThat(line.path("url").path("path").asString()).isEqualTo("/api/orders");
        assertThat(line.path("event").path("outcome").asString()).isEqualTo("success");
        assertThat(line.path("http").path("request").path("body").path("content").asString())
                .contains("\"item\":\"book\"").doesNotContain("hunter2-secret");
        assertThat(line.path("http").path("response").path("body").path("content").asString()).contains("\"id\":7");
        assertThat(line.path("http").path("response").path("headers").path("location").get(0).asString())
                .isEqualTo("/api/orders/7");
        assertThat(line.toString()).doesNotContain("hunter2-secret");
        assertThat(line.has("user")).isFalse();
    }

    @Test
    void routeIsTheMatchedTemplate() {
        String id = Http.newId();
        assertThat(http.get("/api/orders/42", id).statusCode()).isEqualTo(200);

        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("http").path("route").asString()).isEqualTo("/api/orders/{id}");
        assertThat(line.path("url").path("path").asString()).isEqualTo("/api/orders/42");
    }

    @Test
    void failureIntoTheErrorPageKeepsTheRouteStatusErrorAndErrorBody() {
        String id = Http.newId();
        HttpResponse<String> response = http.get("/api/fail", id);

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(AuditLog.audit().linesFor(id)).hasSize(1);
        assertThat(line.path("http").path("route").asString()).isEqualTo("/api/fail");
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(500);
        assertThat(line.path("event").path("outcome").asString()).isEqualTo("failure");
        assertThat(line.path("error").path("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("error").path("message").asString()).isEqualTo("inventory service down");
        assertThat(line.path("http").path("response").path("body").path("content").asString())
                .isEqualTo(response.body());
    }

    @Test
    void unauthenticatedRequestIsAuditedAs401WithoutUser() {
        String id = Http.newId();
        assertThat(http.get("/api/me", id).statusCode()).isEqualTo(401);

        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(401);
        assertThat(line.path("event").path("outcome").asString()).as("a rejected attempt").isEqualTo("failure");
        assertThat(line.has("user")).isFalse();
    }

    @Test
    void httpBasicUserAndRolesAreRecordedAndTheCredentialsMasked() {
        String id = Http.newId();
        HttpResponse<String> response = http.send(http.request("/api/admin/report", id)
                .header("Authorization", basic("alice", "alice-pw")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("user").path("name").asString()).isEqualTo("alice");
        assertThat(texts(line.path("user").path("roles"))).containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
        assertThat(texts(line.path("http").path("request").path("headers").path("authorization"))).containsExactly("***");
        assertThat(line.toString()).doesNotContain(basic("alice", "alice-pw").substring(6));
    }

    @Test
    void forbiddenBasicAuthRequestStillNamesTheUser() {
        String id = Http.newId();
        HttpResponse<String> response = http.send(http.request("/api/admin/report", id)
                .header("Authorization", basic("bob", "bob-pw")).GET().build());

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(403);
        assertThat(line.path("event").path("outcome").asString()).isEqualTo("failure");
        assertThat(line.path("user").path("name").asString()).isEqualTo("bob");
    }

    @Test
    void formLoginSessionUserIsRecordedOnLaterRequests() {
        String loginId = Http.newId();
        HttpResponse<String> login = http.postForm("/login", loginId, "username=bob&password=bob-pw");
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        JsonNode loginLine = AuditLog.audit().awaitRequest(loginId);
        assertThat(loginLine.path("user").path("name").asString()).isEqualTo("bob");
        assertThat(loginLine.toString()).doesNotContain("bob-pw");

        String id = Http.newId();
        HttpResponse<String> me = http.send(http.request("/api/me", id).header("Cookie", cookie).GET().build());
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("user").path("name").asString()).isEqualTo("bob");
        assertThat(texts(line.path("user").path("roles"))).containsExactly("ROLE_USER");
        assertThat(texts(line.path("http").path("request").path("headers").path("cookie"))).containsExactly("***");
    }

    @Test
    void customTokenFilterUserIsRecorded() {
        String id = Http.newId();
        HttpResponse<String> response = http.send(http.request("/api/token/whoami", id)
                .header("Authorization", "Bearer carol-token-123").GET().build());

        assertThat(response.body()).contains("carol");
        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("user").path("name").asString()).isEqualTo("carol");
        assertThat(texts(line.path("user").path("roles"))).containsExactly("SCOPE_orders");
        assertThat(line.toString()).doesNotContain("carol-token-123");
    }

    @Test
    void anonymousCallCarriesNoUser() {
        String id = Http.newId();
        assertThat(http.get("/api/public", id).statusCode()).isEqualTo(200);

        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.has("user")).isFalse();
    }

    @Test
    void asyncCallableLogLineCarriesTheCorrelationId() {
        String id = Http.newId();
        HttpResponse<String> response = http.get("/api/slow", id);

        assertThat(response.body()).contains("42");
        JsonNode event = AuditLog.audit().awaitRequest(id);
        assertThat(event.path("http").path("route").asString()).isEqualTo("/api/slow");
        JsonNode appLine = AuditLog.application().awaitLine(node ->
                "computing the slow answer".equals(node.path("message").asString(null))
                        && id.equals(node.path("request_id").asString(null)));
        assertThat(appLine.path("thread_name").asString()).isNotEqualTo(event.path("thread_name").asString());
    }

    @Test
    void traceAndSpanComeFromMicrometerTracing() {
        String id = Http.newId();
        http.get("/api/public", id);

        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("trace").path("id").asString()).matches("[0-9a-f]{32}");
        assertThat(line.path("span").path("id").asString()).matches("[0-9a-f]{16}");
    }

    @Test
    void everyAuditLineCarriesItsOwnCorrelationAndTraceIdsInTheMdcFields() {
        // 401 and 500 lines are written after the request's span scope closed (error dispatch)
        String denied = Http.newId();
        http.get("/api/me", denied);
        String failed = Http.newId();
        http.get("/api/fail", failed);
        String ok = Http.newId();
        http.get("/api/public", ok);

        for (String id : List.of(denied, failed, ok)) {
            JsonNode line = AuditLog.audit().awaitRequest(id);
            assertThat(line.path("request_id").asString()).as("request_id of %s", id).isEqualTo(id);
            assertThat(line.path("traceId").asString()).as("traceId of %s", id)
                    .isEqualTo(line.path("trace").path("id").asString()).isNotEmpty();
            assertThat(line.path("spanId").asString()).as("spanId of %s", id)
                    .isEqualTo(line.path("span").path("id").asString()).isNotEmpty();
        }
    }

    @Test
    void everyAuditLineNamesTheEcsVersionOnce() {
        String id = Http.newId();
        http.get("/api/public", id);
        AuditLog.audit().awaitRequest(id);

        // AuditLog parses every line with duplicate detection on
        assertThat(AuditLog.audit().lines()).isNotEmpty().allSatisfy(line ->
                assertThat(line.path("ecs").path("version").asString()).isEqualTo(EcsFieldMapping.ECS_VERSION));
    }

    @Test
    void actuatorIsExcludedByDefault() {
        String id = Http.newId();
        http.get("/actuator/health", id);
        String after = Http.newId();
        http.get("/api/public", after);

        AuditLog.audit().awaitRequest(after);
        assertThat(AuditLog.audit().linesFor(id)).isEmpty();
    }

    @Test
    void deliveryCountersArePublishedAsMeters() {
        String id = Http.newId();
        http.get("/api/public", id);
        AuditLog.audit().awaitRequest(id);

        await().untilAsserted(() ->
                assertThat(meters.get("http.audit.events.written").functionCounter().count()).isGreaterThanOrEqualTo(1));
        assertThat(meters.get("http.audit.events.dropped").functionCounter().count()).isZero();
        assertThat(meters.get("http.audit.sink.failures").functionCounter().count()).isZero();
    }

    @Test
    void noAuditLineHasEncoderOwnedDuplicateNames() {
        String id = Http.newId();
        http.get("/api/public", id);
        AuditLog.audit().awaitRequest(id);

        // AuditLog parses every line with duplicate detection on
        for (JsonNode line : AuditLog.audit().lines()) {
            assertThat(line.has("service")).isFalse();
            assertThat(line.path("@timestamp").isString()).isTrue();
            assertThat(line.path("event").path("sequence").isNumber()).isTrue();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
