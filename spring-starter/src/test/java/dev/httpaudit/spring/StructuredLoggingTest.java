package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * With Spring Boot's own structured logging ({@code ecs} and {@code logstash} formats, the
 * file variant of {@code logging.structured.format.console}), the event's fields are nested
 * JSON, never an escaped string, and no line is lost to a duplicate name: in particular
 * {@code ecs.version} is in every audit line exactly once, Boot's own in the {@code ecs} format;
 * U+2028 and U+2029 are written raw.
 */
abstract class StructuredLoggingTest {

    /** Boot configures logging once per JVM; each format has its own test class (and JVM). */
    abstract String format();

    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void eventFieldsAreNestedJsonInBootsStructuredFormat() throws Exception {
        String format = format();
        Path log = Path.of("target/test-logs/StructuredLoggingTest-" + format + "/app.json");
        Files.deleteIfExists(log);
        SpringApplication app = new SpringApplication(AuditTestApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        context = app.run("--server.port=0", "--spring.application.name=orders",
                // Boot's own configuration (not logback-test.xml), writing structured JSON to a file
                "--logging.config=classpath:logback-boot-structured.xml",
                "--logging.file.name=" + log, "--logging.structured.format.file=" + format);
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        Http http = new Http(port);
        String id = Http.newId();
        http.postJson("/api/orders", id, "{\"item\":\"lamp\"}");
        http.get("/api/fail", Http.newId());
        String separatorsId = Http.newId();
        String item = "a\u2028b\u2029c\u0085d";
        http.postJson("/api/orders", separatorsId, "{\"item\":\"" + item + "\"}");

        JsonNode line = AuditLog.of(log).awaitRequest(id);
        assertThat(line.path("http").isObject()).isTrue();
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(201);
        assertThat(line.path("event").path("sequence").isNumber()).isTrue();
        assertThat(line.path("http").path("request").path("body").path("content").asString()).contains("lamp");
        assertThat(line.path("request_id").asString()).as("the correlation ID from the MDC").isEqualTo(id);
        if (format.equals("ecs")) {
            assertThat(line.path("service").path("name").asString()).isEqualTo("orders");
            assertThat(line.path("log").path("logger").asString()).isEqualTo("http.audit");
            // Boot writes its own ecs.version; the sink leaves its own out (strict parsing
            // rejects a second "ecs" object)
            assertThat(line.path("ecs").path("version").asString()).isEqualTo("8.11");
        } else {
            assertThat(line.path("@version").asString()).isEqualTo("1");
            assertThat(line.path("logger_name").asString()).isEqualTo("http.audit");
            assertThat(line.path("ecs").path("version").asString()).isEqualTo(EcsFieldMapping.ECS_VERSION);
        }
        // as README.md says of Boot's JSON writer: U+0085 escaped (an ISO control character),
        // U+2028 and U+2029 raw; the line still parses back to the value
        JsonNode separators = AuditLog.of(log).awaitRequest(separatorsId);
        assertThat(separators.path("http").path("request").path("body").path("content").asString()).contains(item);
        String raw = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(text -> text.contains(separatorsId) && text.contains("\"http\"")).findFirst().orElseThrow();
        assertThat(raw).contains("\u2028", "\u2029").doesNotContain("\u0085").contains("\\u0085");
        // every line of the file parses strictly (no duplicate keys), the audit ones included
        List<JsonNode> lines = AuditLog.of(log).lines();
        List<JsonNode> auditLines = lines.stream().filter(n -> n.path("http").isObject()).toList();
        assertThat(auditLines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(auditLines).allSatisfy(audit -> assertThat(audit.path("ecs").path("version").isString()).isTrue());
    }
}
