package dev.httpaudit.bench;

import dev.httpaudit.core.integrity.Ed25519Pem;
import dev.httpaudit.core.integrity.internal.ChainWriter;
import dev.httpaudit.core.integrity.internal.CheckpointReason;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.IOException;
import java.io.OutputStream;
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
 * The hash chain's cost per event line (issue 13): the benchmarked order exchange's event as
 * the file sink writes it (its JSON made once), written to a discarding stream
 * <ul>
 *   <li>{@code plain}: as an unchained line (the bytes and the newline), the baseline;</li>
 *   <li>{@code chained}: as a chained line (chain fields, SHA-256 of the line, SHA-256 link,
 *       hex), plus a signed Ed25519 checkpoint every {@code checkpointEvery} lines, so the
 *       signature's cost is amortized as in the sink (1000 is the default).</li>
 * </ul>
 * The chain's cost per event is {@code chained - plain}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ChainBenchmark {

    @Param({"1000", "100"})
    public int checkpointEvery;

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
        json = EventJsonWriter.instance().toJsonBytes(ReferenceBenchmark.capturedOrderEvent());
        chain = ChainWriter.start(Ed25519Pem.generate().getPrivate());
    }

    @Benchmark
    public int plain() throws IOException {
        discard.write(json, 0, json.length);
        discard.write('\n');
        return json.length + 1;
    }

    @Benchmark
    public int chained() throws IOException {
        int written = chain.writeLine(discard, json);
        if (chain.unsealed() >= checkpointEvery) {
            written += chain.writeCheckpoint(discard, CheckpointReason.COUNT, Instant.now());
        }
        return written;
    }
}
