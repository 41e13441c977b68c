package dev.httpaudit.bench;

import dev.httpaudit.core.integrity.Ed25519Pem;
import dev.httpaudit.core.integrity.internal.ChainWriter;
import dev.httpaudit.core.integrity.internal.CheckpointReason;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hash chain's cost per event (issue 13), reported directly: {@code chainCostPerEvent} is
 * one event line chained (chain fields, SHA-256 over the line, the SHA-256 link, the hex hash)
 * plus its share of a signed Ed25519 checkpoint, which is written every {@code checkpointEvery}
 * lines as in the sink (10,000 is the default, 1000 the old one), to a discarding stream. Its
 * score in µs/op is the chain's cost per event: {@code plainLine}, the same line written
 * unchained to the same stream, is the baseline (about 0.01 µs, the stream calls) to subtract
 * if one wants it exact. Lines: {@code schema-example} is docs/event-schema.md's full example
 * (1,333 bytes, the target's line), {@code order} the order exchange's event (6,971 bytes).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ChainBenchmark {

    @Param({"10000", "1000"})
    public int checkpointEvery;

    @Param({"schema-example", "order"})
    public String line;

    private byte[] json;
    private ChainWriter chain;
    private final OutputStream discard = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    };

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        json = line.equals("order") ? EventJsonWriter.instance().toJsonBytes(ReferenceBenchmark.capturedOrderEvent())
                : schemaExample();
        chain = ChainWriter.start(Ed25519Pem.generate().getPrivate());
    }

    /** docs/event-schema.md's full example on one line (a copy in the benchmarks' resources). */
    static byte[] schemaExample() throws IOException {
        try (InputStream in = ChainBenchmark.class.getResourceAsStream("/schema-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public int plainLine() throws IOException {
        discard.write(json, 0, json.length);
        discard.write('\n');
        return json.length + 1;
    }

    @Benchmark
    public int chainCostPerEvent() throws IOException {
        int written = chain.writeLine(discard, json);
        if (chain.unsealed() >= checkpointEvery) {
            written += chain.writeCheckpoint(discard, CheckpointReason.COUNT, Instant.now());
        }
        return written;
    }
}
