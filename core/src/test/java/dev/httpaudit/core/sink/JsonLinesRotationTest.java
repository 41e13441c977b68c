package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.UrlInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesRotationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static AuditEvent event(int n) {
        Instant now = Instant.now();
        return AuditEvent.builder()
                .timing(now, now, 1)
                .request(new AuditRequest("req-" + n, "POST", "text/plain", null, null))
                .response(new AuditResponse(200, null, null, null))
                .url(new UrlInfo("/items/" + n, null, "http", "localhost", 80))
                .build();
    }

    @Test
    void sixteenThreadsAcrossRotationsLoseAndDuplicateNoLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        int threads = 16;
        int perThread = 500;
        JsonLinesAuditSink sink = JsonLinesAuditSink.file(file).maxFileBytes(64 * 1024).maxHistory(1000)
                .flushEachLine(false).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    sink.write(event(base + i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        sink.close();

        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.toList();
        }
        assertThat(files).hasSizeGreaterThan(2); // it did rotate
        Set<String> ids = new HashSet<>();
        int lines = 0;
        for (Path f : files) {
            assertThat(Files.size(f)).isLessThanOrEqualTo(64 * 1024);
            for (String line : Files.readAllLines(f)) {
                JsonNode node = JSON.readTree(line);
                ids.add(node.path("http").path("request").path("id").asString());
                lines++;
            }
        }
        assertThat(lines).isEqualTo(threads * perThread);
        assertThat(ids).hasSize(threads * perThread);
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfOldFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.file(file).maxFileBytes(600).maxHistory(2).build()) {
            for (int i = 0; i < 50; i++) {
                sink.write(event(i));
            }
        }
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("audit.json", "audit.json.1", "audit.json.2");
        }
        // the newest line is in the live file
        List<String> live = Files.readAllLines(file);
        assertThat(live.get(live.size() - 1)).contains("\"req-49\"");
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        Files.writeString(file, "{\"earlier\":true}\n");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(file)) {
            sink.write(event(1));
        }
        assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("{\"earlier\":true}");
    }
}
