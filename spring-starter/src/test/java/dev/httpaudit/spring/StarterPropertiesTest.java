package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The {@code http-audit.*} properties change what a real app audits. */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.exclude-paths=/api/public",
                "http-audit.body.content-types=application/x-ndjson",
                "http-audit.body.capture=errors",
                "http-audit.body.exclude-paths=/api/feedback",
                "http-audit.redact.headers=X-Internal-Ref",
                "http-audit.redact.parameters=item",
                "http-audit.correlation.request-headers=X-Trace-Key",
                "http-audit.correlation.response-header=X-Audit-ID",
                "http-audit.correlation.mdc-key=audit_id"})
class StarterPropertiesTest {

    static {
        AuditLog.useFolder("StarterPropertiesTest");
    }

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void excludedPathIsNotAudited() {
        String excluded = "excluded-" + Http.newId();
        http.send(http.request("/api/public", "x").header("X-Trace-Key", excluded).GET().build());
        String audited = "audited-" + Http.newId();
        http.send(http.request("/api/orders/1", "x").header("X-Trace-Key", audited).GET().build());

        AuditLog.audit().awaitRequest(audited);
        assertThat(AuditLog.audit().linesFor(excluded)).isEmpty();
    }

    @Test
    void defaultExclusionsStayWhenExcludePathsIsSet() {
        String actuator = "actuator-" + Http.newId();
        http.send(http.request("/actuator/health", "x").header("X-Trace-Key", actuator).GET().build());
        String favicon = "favicon-" + Http.newId();
        http.send(http.request("/favicon.ico", "x").header("X-Trace-Key", favicon).GET().build());
        String audited = "audited-" + Http.newId();
        http.send(http.request("/api/orders/1", "x").header("X-Trace-Key", audited).GET().build());

        AuditLog.audit().awaitRequest(audited);
        assertThat(AuditLog.audit().linesFor(actuator)).isEmpty();
        assertThat(AuditLog.audit().linesFor(favicon)).isEmpty();
    }

    @Test
    void jsonBodiesStayCapturedAsTextWhenContentTypesAreAdded() {
        String failed = "json-" + Http.newId();
        http.send(http.request("/api/fail", "x").header("X-Trace-Key", failed).GET().build());

        JsonNode body = AuditLog.audit().awaitRequest(failed).path("http").path("response");
        assertThat(body.path("mime_type").asString()).isEqualTo("application/json");
        assertThat(body.path("body").path("content").asString()).startsWith("{").contains("\"status\":500");
    }

    @Test
    void correlationHeadersFollowTheProperties() {
        String key = "k-" + Http.newId();
        HttpResponse<String> response = http.send(http.request("/api/orders/1", "ignored-by-config")
                .header("X-Trace-Key", key).GET().build());

        assertThat(response.headers().firstValue("X-Audit-ID")).contains(key);
        assertThat(response.headers().firstValue("X-Request-ID")).isEmpty();
        JsonNode line = AuditLog.audit().awaitRequest(key);
        assertThat(line.path("audit_id").asString()).isEqualTo(key); // the MDC key, written by the encoder
    }

    @Test
    void bodiesAreCapturedOnlyForErrorsInErrorsMode() {
        String ok = "ok-" + Http.newId();
        http.send(http.request("/api/orders/1", "x").header("X-Trace-Key", ok).GET().build());
        String failed = "fail-" + Http.newId();
        http.send(http.request("/api/fail", "x").header("X-Trace-Key", failed).GET().build());

        JsonNode okLine = AuditLog.audit().awaitRequest(ok);
        assertThat(okLine.path("http").path("response").path("body").has("content")).isFalse();
        assertThat(okLine.path("http").path("response").path("body").path("bytes").asLong()).isPositive();
        JsonNode failedLine = AuditLog.audit().awaitRequest(failed);
        assertThat(failedLine.path("http").path("response").path("body").path("content").asString()).contains("500");
    }

    @Test
    void bodyExcludedPathKeepsSizesButNoContent() {
        String id = "form-" + Http.newId();
        http.send(http.request("/api/feedback", "x").header("X-Trace-Key", id)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=ann&message=hello")).build());

        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("http").path("request").path("body").has("content")).isFalse();
        assertThat(line.path("http").path("response").path("body").has("content")).isFalse();
        assertThat(line.toString()).doesNotContain("hello");
    }

    @Test
    void redactionAdditionsMaskHeadersAndParameters() {
        String id = "redact-" + Http.newId();
        http.send(http.request("/api/orders/1?item=private-thing&page=2", "x").header("X-Trace-Key", id)
                .header("X-Internal-Ref", "ref-value-123").GET().build());

        JsonNode line = AuditLog.audit().awaitRequest(id);
        assertThat(line.path("http").path("request").path("headers").path("x-internal-ref").get(0).asString())
                .isEqualTo("***");
        assertThat(line.path("url").path("query").asString()).isEqualTo("item=***&page=2");
        assertThat(line.toString()).doesNotContain("ref-value-123").doesNotContain("private-thing");
    }
}
