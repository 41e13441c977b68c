package dev.httpaudit.bench;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JSON lines file sink's write path (issue 12), on the event of {@link Exchanges#order}:
 * <ul>
 *   <li>{@code serializeTree}: the event's JSON as it was made before, the mapping's field tree
 *       walked by the generator (what the SLF4J and OpenTelemetry sinks still render);</li>
 *   <li>{@code serializeStreamed}: the JSON writer now, the mapping streamed to the generator;</li>
 *   <li>{@code fileSinkLine}: one line through {@link JsonLinesAuditSink} to a real file as the
 *       async queue drives it ({@code flushEachLine(false)}, a flush every 256 lines, the queue's
 *       batch): serialization, the lock, the copy into the file buffer, the batch's write(2).</li>
 * </ul>
 * Allocation per op ({@code -prof gc}, gc.alloc.rate.norm) is reliable on a loaded machine; times
 * are not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FileSinkBenchmark {

    private static final OutputStream DISCARD = OutputStream.nullOutputStream();
    private static final int BATCH = 256;

    private AuditEvent event;
    private Path dir;
    private JsonLinesAuditSink sink;
    private int inBatch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        event = ReferenceBenchmark.capturedOrderEvent();
        dir = Files.createTempDirectory("file-sink-bench");
        // rotation without history bounds the disk used, at one rename per 256 MiB
        sink = JsonLinesAuditSink.file(dir.resolve("audit.jsonl")).flushEachLine(false)
                .maxFileBytes(256L << 20).maxHistory(0).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        sink.close();
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public AuditEvent serializeTree() {
        EventJsonWriter.instance().writeTree(EcsFieldMapping.document(event), DISCARD);
        return event;
    }

    @Benchmark
    public AuditEvent serializeStreamed() {
        EventJsonWriter.instance().write(event, DISCARD);
        return event;
    }

    @Benchmark
    public AuditEvent fileSinkLine() {
        sink.write(event);
        if (++inBatch == BATCH) {
            inBatch = 0;
            sink.flush();
        }
        return event;
    }
}
