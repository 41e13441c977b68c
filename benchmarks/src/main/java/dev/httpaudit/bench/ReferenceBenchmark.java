package dev.httpaudit.bench;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.Filter;
import java.io.OutputStream;
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

/**
 * The limits http-audit's per-exchange cost is compared with, on the very event it produces
 * for {@link Exchanges#order}:
 * <ul>
 *   <li>{@code jacksonOnly}: writing that event with Jackson's streaming generator alone
 *       ({@link EventJsonWriter}, to a discarding stream): no capture, no redaction, no logging;</li>
 *   <li>{@code pipelineOnly}: the same event through {@link AuditPipeline#emit} (redaction,
 *       size limit) and the SLF4J sink into Logback + LogstashEncoder: everything but capture.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReferenceBenchmark {

    private static final OutputStream DISCARD = OutputStream.nullOutputStream();

    private AuditEvent event;
    private AuditPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        event = capturedOrderEvent();
        pipeline = AuditPipeline.of(Slf4jAuditSink.create());
    }

    /** The event http-audit emits for the benchmarked order exchange (already redacted). */
    static AuditEvent capturedOrderEvent() throws Exception {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        Filter[] filters = {AuditFilter.builder(AuditPipeline.of(sink)).build()};
        Exchanges.order(filters);
        return sink.events().get(0);
    }

    @Benchmark
    public AuditEvent jacksonOnly() {
        EventJsonWriter.instance().write(event, DISCARD);
        return event;
    }

    @Benchmark
    public AuditEvent pipelineOnly() {
        pipeline.emit(event);
        return event;
    }
}
