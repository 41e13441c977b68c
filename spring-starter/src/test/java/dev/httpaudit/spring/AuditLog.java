package dev.httpaudit.spring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON lines the real Logback configuration (logback-test.xml) wrote, parsed strictly:
 * a duplicate key in any line fails the test.
 */
final class AuditLog {

    static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path file;

    private AuditLog(Path file) {
        this.file = file;
    }

    /** Sends this JVM's logs to target/test-logs/{name}; call from a static initializer, before Spring starts. */
    static void useFolder(String name) {
        System.setProperty("audit.log.dir", "target/test-logs/" + name);
    }

    private static Path folder() {
        return Path.of(System.getProperty("audit.log.dir", "target/test-logs/default"));
    }

    /** The audit lines ({@code http.audit} logger). */
    static AuditLog audit() {
        return new AuditLog(folder().resolve("audit.json"));
    }

    /** The application's own log lines. */
    static AuditLog application() {
        return new AuditLog(folder().resolve("app.json"));
    }

    /** A log of another file (a JSON lines sink's). */
    static AuditLog of(Path file) {
        return new AuditLog(file);
    }

    /** Every line so far, parsed. */
    List<JsonNode> lines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    nodes.add(STRICT.readTree(line));
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the line of the exchange with this correlation ID (events are written as exchanges complete). */
    JsonNode awaitRequest(String requestId) {
        return awaitLine(node -> requestId.equals(node.path("http").path("request").path("id").asString(null)));
    }

    /** Waits for the first line matching {@code test}. */
    JsonNode awaitLine(Predicate<JsonNode> test) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Optional<JsonNode> match = lines().stream().filter(test).findFirst();
            match.ifPresent(node -> found[0] = node);
            return match.isPresent();
        });
        return found[0];
    }

    /** The lines for a correlation ID, now. */
    List<JsonNode> linesFor(String requestId) {
        return lines().stream()
                .filter(node -> requestId.equals(node.path("http").path("request").path("id").asString(null)))
                .toList();
    }
}
