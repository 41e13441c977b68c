package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.Payloads;
import jakarta.servlet.Filter;
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
 * A large JSON response (1 MiB and 10 MiB) written in 8 KiB chunks through each filter to a
 * discarding "socket": the allocation per operation shows who buffers whole bodies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LargeResponseBenchmark {

    @Param({"NONE", "HTTP_AUDIT", "HTTP_AUDIT_NO_LOG", "LOGBOOK", "SPRING"})
    public Variant variant;

    @Param({"1048576", "10485760"})
    public int size;

    private Filter[] filters;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        filters = variant.filters();
        body = Payloads.largeArray(size);
        if (Exchanges.download(filters, body) != size) {
            throw new IllegalStateException("response not streamed whole");
        }
    }

    @Benchmark
    public long download() throws Exception {
        return Exchanges.download(filters, body);
    }
}
