package dev.httpaudit.spring;

import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The redaction scenarios read from the audit file LogstashEncoder wrote (logback-test.xml). */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=orders", "http-audit.redact.headers=user-agent"})
class StarterRedactionLogstashTest extends StarterRedactionScenarios {

    static {
        AuditLog.useFolder("StarterRedactionLogstashTest");
    }

    @Value("${local.server.port}")
    int port;

    @Override
    int port() {
        return port;
    }

    @Override
    JsonNode auditLineFor(String id) {
        return AuditLog.audit().awaitRequest(id);
    }

    @Override
    String rawLog() {
        try {
            return Files.readString(Path.of("target/test-logs/StarterRedactionLogstashTest/audit.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
