package dev.httpaudit.client;

import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A pipeline writing JSON lines to memory, and the lines it wrote, parsed strictly. */
final class RecordedEvents {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AuditPipeline pipeline = AuditPipeline.of(JsonLinesAuditSink.toStream(out));

    AuditPipeline pipeline() {
        return pipeline;
    }

    /** The raw JSON written so far. */
    synchronized String text() {
        pipeline.flush();
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Every event written so far. */
    List<JsonNode> events() {
        return Arrays.stream(text().split("\n")).filter(line -> !line.isBlank()).map(StrictJson::parse).toList();
    }

    /** Waits (at most 10 s) until {@code count} events were written, and returns them; fails on more. */
    List<JsonNode> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> events = events();
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
            events = events();
        }
        if (events.size() != count) {
            throw new AssertionError("expected " + count + " events, got " + events.size() + ": " + events);
        }
        return events;
    }

    /** Forgets what was written. */
    synchronized void clear() {
        pipeline.flush();
        synchronized (out) {
            out.reset();
        }
    }
}
