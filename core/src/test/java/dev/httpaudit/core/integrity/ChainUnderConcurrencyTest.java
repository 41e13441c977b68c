package dev.httpaudit.core.integrity;

import static dev.httpaudit.core.integrity.ChainedLogs.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.integrity.internal.VerificationReport;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 16 threads writing through the async queue into a chained file sink that rotates: every event
 * is written once, the chain's positions follow the order of writing (not
 * {@code event.sequence}), and the rotated files verify together.
 */
class ChainUnderConcurrencyTest {

    @Test
    void sixteenThreadsThroughTheAsyncQueueAcrossRotationsLeaveAChainThatVerifies(@TempDir Path dir) throws Exception {
        int threads = 16;
        int perThread = 250;
        JsonLinesAuditSink file = JsonLinesAuditSink.file(dir.resolve("audit.json")).maxFileBytes(64 * 1024)
                .maxHistory(200).flushEachLine(false)
                .integrity(IntegrityOptions.withKey(KEYS.getPrivate()).checkpointEvery(200)).build();
        AsyncAuditSink async = AsyncAuditSink.builder(file).queueCapacity(100_000)
                .overflow(AsyncAuditSink.Overflow.BLOCK).blockTimeout(Duration.ofMinutes(5)).shutdownTimeout(Duration.ofMinutes(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    async.write(ChainedLogs.event(base + i));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        async.close();

        List<Path> files = ChainedLogs.files(dir);
        assertThat(files).hasSizeGreaterThan(5); // it did rotate
        Set<String> requests = new HashSet<>();
        long expectedSeq = 0;
        for (Path f : files) { // oldest first: positions continue from file to file
            for (String line : Files.readAllLines(f)) {
                JsonNode node = StrictJson.parse(line);
                assertThat(node.path("http_audit.chain").path("seq").asLong()).isEqualTo(expectedSeq++);
                if (!node.has("http_audit.checkpoint")) {
                    requests.add(node.path("http").path("request").path("id").asString());
                }
            }
        }
        assertThat(requests).hasSize(threads * perThread);
        VerificationReport report = ChainedLogs.verify(files);
        assertThat(report.findings()).isEmpty();
        assertThat(report.chains()).isEqualTo(1);
        assertThat(report.lines()).isEqualTo(expectedSeq);
    }
}
