package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;

/**
 * A real Spring Boot application started with a bad {@code http-audit.*} value fails with
 * Boot's short "APPLICATION FAILED TO START" report naming the kebab-case property, and logs
 * no stack trace (a bad trusted proxy used to fail deep inside the filter bean with over a
 * hundred lines of it).
 */
class StarterStartupFailureTest {

    static {
        AuditLog.useFolder("StarterStartupFailureTest");
    }

    @Test
    void badTrustedProxyFailsWithBootsReportAndNoStackTrace() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AuditTestApplication.class)
                .properties("server.port=0", "http-audit.client.trusted-proxies=not-an-ip")
                .run().close())
                .isInstanceOf(Exception.class);

        List<JsonNode> lines = AuditLog.application().lines();
        assertThat(lines).as("application log").isNotEmpty();
        JsonNode report = lines.stream()
                .filter(line -> line.path("message").asString("").contains("APPLICATION FAILED TO START"))
                .findFirst().orElseThrow(() -> new AssertionError("no start-up report in " + lines));
        assertThat(report.path("message").asString())
                .contains("Property: http-audit.client.trusted-proxies")
                .contains("not-an-ip");
        assertThat(lines).noneMatch(line -> line.has("stack_trace"));
        assertThat(lines).noneMatch(line -> line.path("message").asString("").contains("Application run failed"));
    }
}
