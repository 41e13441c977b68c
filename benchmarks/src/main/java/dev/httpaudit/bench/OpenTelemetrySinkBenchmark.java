package dev.httpaudit.bench;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.opentelemetry.OpenTelemetryAuditSink;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.io.OutputStream;
import java.util.Collection;
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
 * The cost per event of the OpenTelemetry logs sink on the real SDK, for the event http-audit
 * makes for {@link Exchanges#order} (already redacted):
 * <ul>
 *   <li>{@code openTelemetrySink}: {@link OpenTelemetryAuditSink#write} into an
 *       {@code SdkLoggerProvider} whose {@code SimpleLogRecordProcessor} hands every record, on
 *       the calling thread, to an exporter that does nothing: the mapping, the JSON body, the
 *       attributes and the SDK's record, without any export work;</li>
 *   <li>{@code jsonLinesSink}: the same event through {@link JsonLinesAuditSink} to a discarding
 *       stream, for scale (the same JSON is written by both).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OpenTelemetrySinkBenchmark {

    private AuditEvent event;
    private OpenTelemetrySdk sdk;
    private OpenTelemetryAuditSink openTelemetrySink;
    private JsonLinesAuditSink jsonLinesSink;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        event = ReferenceBenchmark.capturedOrderEvent();
        sdk = OpenTelemetrySdk.builder()
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(new NoopExporter())).build())
                .build();
        openTelemetrySink = OpenTelemetryAuditSink.create(sdk);
        jsonLinesSink = JsonLinesAuditSink.toStream(OutputStream.nullOutputStream());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sdk.close();
    }

    @Benchmark
    public AuditEvent openTelemetrySink() {
        openTelemetrySink.write(event);
        return event;
    }

    @Benchmark
    public AuditEvent jsonLinesSink() {
        jsonLinesSink.write(event);
        return event;
    }

    /** Accepts every batch at once and does nothing with it. */
    private static final class NoopExporter implements LogRecordExporter {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
