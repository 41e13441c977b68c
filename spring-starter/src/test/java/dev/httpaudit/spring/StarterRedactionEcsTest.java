package dev.httpaudit.spring;

import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The redaction scenarios read from Spring Boot's own structured {@code ecs} output (a file,
 * as {@code logging.structured.format.file=ecs} writes it), where the audit line's fields,
 * the summary message and the MDC all come out as top-level JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterRedactionEcsTest extends StarterRedactionScenarios {

    private static final Path LOG = Path.of("target/test-logs/StarterRedactionEcsTest/app.json");

    private ConfigurableApplicationContext context;
    private int port;

    @BeforeAll
    void start() throws IOException {
        Files.deleteIfExists(LOG);
        SpringApplication app = new SpringApplication(AuditTestApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        context = app.run("--server.port=0", "--spring.application.name=orders",
                "--http-audit.redact.headers=user-agent",
                "--logging.config=classpath:logback-boot-structured.xml",
                "--logging.file.name=" + LOG, "--logging.structured.format.file=ecs");
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Override
    int port() {
        return port;
    }

    @Override
    JsonNode auditLineFor(String id) {
        return AuditLog.of(LOG).awaitRequest(id);
    }

    @Override
    String rawLog() {
        try {
            return Files.readString(LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
