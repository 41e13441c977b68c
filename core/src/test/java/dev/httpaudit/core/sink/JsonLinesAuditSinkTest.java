package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** JSON Lines: one whole object per line, whatever the number of writing threads. */
class JsonLinesAuditSinkTest {

    private static final int THREADS = 16;
    private static final int EVENTS_PER_THREAD = 150;

    @TempDir
    Path dir;

    @Test
    void concurrentWritersProduceExactlyOneWholeLinePerEvent() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(file);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        sink.write(event(thread, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            sink.close();
        }

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<String> lines = text.substring(0, text.length() - 1).lines().toList();
        assertThat(lines).hasSize(THREADS * EVENTS_PER_THREAD);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode json = StrictJson.parse(line);
            String id = json.at("/event/id").asString();
            ids.add(id);
            assertThat(json.at("/http/request/body/content").asString()).isEqualTo(content(id));
        }
        assertThat(ids).hasSize(THREADS * EVENTS_PER_THREAD);
    }

    @Test
    void fileSinkAppendsToAnExistingFileAndCreatesMissingFolders() throws IOException {
        Path file = dir.resolve("a/b/audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(file)) {
            sink.write(SampleEvents.full());
        }
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(file)) {
            sink.write(SampleEvents.minimal());
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(EventJsonWriter.instance().toJson(SampleEvents.full()),
                EventJsonWriter.instance().toJson(SampleEvents.minimal()));
    }

    @Test
    void eachLineReachesTheFileWithoutWaitingForClose() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(file);
        try {
            sink.write(SampleEvents.minimal());

            assertThat(Files.readAllLines(file)).hasSize(1);
        } finally {
            sink.close();
        }
    }

    @Test
    void streamSinkWritesLinesAndLeavesTheStreamOpenOnClose() {
        var out = new ByteArrayOutputStream() {
            boolean closed;
            int flushes;

            @Override
            public void close() {
                closed = true;
            }

            @Override
            public void flush() {
                flushes++;
            }
        };
        JsonLinesAuditSink sink = JsonLinesAuditSink.toStream(out);

        sink.write(SampleEvents.full());
        sink.write(SampleEvents.bodyFlags());
        sink.close();

        assertThat(out.closed).isFalse();
        assertThat(out.flushes).isGreaterThanOrEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                EventJsonWriter.instance().toJson(SampleEvents.full()) + "\n"
                        + EventJsonWriter.instance().toJson(SampleEvents.bodyFlags()) + "\n");
    }

    @Test
    void aStreamFailureIsThrownAsUncheckedIOException() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        JsonLinesAuditSink sink = JsonLinesAuditSink.toStream(broken);

        assertThatThrownBy(() -> sink.write(SampleEvents.minimal())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void writingToAClosedFileSinkFails() {
        JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(dir.resolve("audit.jsonl"));
        sink.close();

        assertThatThrownBy(() -> sink.write(SampleEvents.minimal())).isInstanceOf(UncheckedIOException.class);
    }

    private static AuditEvent event(int thread, int index) {
        AuditEvent base = SampleEvents.full();
        String id = thread + "-" + index;
        AuditEvent numbered = new AuditEvent(thread * 100_000L + index, id, base.start(), base.end(),
                base.durationNanos(), base.outcome(), base.httpVersion(), base.request(), base.response(),
                base.route(), base.url(), base.user(), base.client(), base.userAgent(), base.trace(),
                base.serviceName(), base.error(), base.labels());
        String content = content(id);
        return numbered.withRequest(numbered.request().withBody(Body.captured(content.length(), content, false)));
    }

    /** Bodies of a few KiB, so that unsynchronized writers would interleave inside a line. */
    private static String content(String id) {
        return ("<" + id + ">").repeat(500 + Math.abs(id.hashCode() % 1000));
    }
}
