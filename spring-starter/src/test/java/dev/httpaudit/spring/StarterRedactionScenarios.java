package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Redaction of derived fields and of reused credentials, read back from what a real log
 * encoder wrote (the subclasses: LogstashEncoder into a file, Spring Boot's structured ECS
 * output). The app runs with {@code http-audit.redact.headers=user-agent}, so the
 * {@code User-Agent} header is masked whole, and {@code user_agent.original} with it. The
 * test users' passwords ({@code alice-pw}) are what the client reuses elsewhere.
 */
abstract class StarterRedactionScenarios {

    abstract int port();

    /** The audit line whose {@code http.request.id} is {@code id}, waiting for it. */
    abstract JsonNode auditLineFor(String id);

    /** Every line of the log that holds the audit lines, as written. */
    abstract String rawLog();

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicPasswordReusedAsCorrelationIdInTheQueryAndAHeaderIsInNoAuditLine() {
        Http http = new Http(port());
        HttpResponse<String> response = http.send(http.request("/api/admin/report?q=alice%2Dpw", "alice-pw")
                .header("Authorization", basic("alice", "alice-pw"))
                .header("X-Note", "al\\u0069ce-pw")
                .header("User-Agent", "probe/1 (Zq-agent-77)")
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).as("the reused password is not taken as the correlation ID").isNotEqualTo("alice-pw");
        JsonNode line = auditLineFor(id);
        assertThat(line.path("user").path("name").asString()).isEqualTo("alice");
        assertThat(line.path("url").path("query").asString()).isEqualTo("q=***");
        assertThat(line.path("http").path("request").path("headers").path("x-note").get(0).asString()).isEqualTo("***");
        assertThat(line.path("user_agent").path("original").asString()).isEqualTo("***");
        assertThat(line.path("message").asString()).startsWith("GET /api/admin/report 200 ");
        if (line.has("request_id")) {
            // the MDC, as the encoder writes it
            assertThat(line.path("request_id").asString()).isEqualTo(id);
        }
        String all = rawLog();
        assertThat(all).doesNotContain("alice-pw").doesNotContain("alice%2Dpw").doesNotContain("al\\\\u0069ce-pw")
                .doesNotContain("Zq-agent-77");
    }

    @Test
    void bearerTokenReusedInThePathIsMaskedInUrlPathAndTheMessage() {
        Http http = new Http(port());
        String id = Http.newId();
        HttpResponse<String> response = http.send(http.request("/api/token/carol%2Dtoken%2D123", id)
                .header("Authorization", "Bearer carol-token-123")
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode line = auditLineFor(id);
        assertThat(line.path("url").path("path").asString()).isEqualTo("/api/token/***");
        assertThat(line.path("message").asString()).startsWith("GET /api/token/*** 404 ");
        assertThat(rawLog()).doesNotContain("carol-token-123").doesNotContain("carol%2Dtoken%2D123");
    }
}
