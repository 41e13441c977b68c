package dev.httpaudit.bench;

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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-exchange cost, in process: POST with a 1 KiB JSON body read by the handler, a 4 KiB
 * JSON answer, through no filter, http-audit, Logbook, or Spring's request logging filter,
 * each logging into the same Logback + LogstashEncoder (discarded output).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExchangeBenchmark {

    @Param({"NONE", "HTTP_AUDIT", "HTTP_AUDIT_NO_LOG", "LOGBOOK", "SPRING"})
    public Variant variant;

    private Filter[] filters;
    private long bytesBefore;
    private long linesBefore;
    private long ops;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        filters = variant.filters();
        // fail fast if the exchange does not go through
        if (Exchanges.order(filters) != 4096) {
            throw new IllegalStateException("response not streamed whole");
        }
        bytesBefore = LogSetup.bytesLogged();
        linesBefore = LogSetup.linesLogged();
    }

    @Benchmark
    public long exchange() throws Exception {
        ops++;
        return Exchanges.order(filters);
    }

    @TearDown(Level.Trial)
    public void report() {
        if (ops > 0) {
            System.out.printf("%n[%s] log lines per exchange: %.2f, log bytes per exchange: %.0f%n", variant,
                    (LogSetup.linesLogged() - linesBefore) / (double) ops,
                    (LogSetup.bytesLogged() - bytesBefore) / (double) ops);
        }
    }
}
