package dev.httpaudit.bench;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.marker.Markers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One audit line through Logback + LogstashEncoder (9.x, {@link LogSetup}), two ways of handing
 * the event's fields to the encoder (issue 12's hint for the SLF4J sink): {@code KEY_VALUES}
 * is {@link Slf4jAuditSink} as it ships (SLF4J key-value pairs whose Map/List values LLE
 * writes with databind); {@code RAW_MARKERS} renders each top-level field once with
 * {@link EventJsonWriter} and hands it over as LLE's raw JSON marker
 * ({@code Markers.appendRaw(name, json)}), which LLE copies into the line. Both write the
 * same line (same fields and values). The event is the one {@link ExchangeBenchmark}'s
 * exchange makes (1 KiB JSON request, 4 KiB JSON response, redacted). {@code RAW_MARKERS}
 * skips the sink's MDC scope, which only flatters it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class Slf4jFieldsBenchmark {

    /** How the fields reach the encoder. */
    public enum Fields { KEY_VALUES, RAW_MARKERS }

    @Param({"KEY_VALUES", "RAW_MARKERS"})
    public Fields fields;

    private AuditEvent event;
    private Slf4jAuditSink sink;
    private Logger logger;

    @Setup
    public void setUp() throws Exception {
        LogSetup.install();
        InMemoryAuditSink memory = InMemoryAuditSink.create();
        Exchanges.order(new Filter[] {AuditFilter.builder(AuditPipeline.of(memory)).build()});
        event = memory.events().get(0);
        sink = Slf4jAuditSink.create();
        logger = LoggerFactory.getLogger(Slf4jAuditSink.DEFAULT_LOGGER);
        // fail fast unless both ways write the same line (but its time and the MDC's request_id,
        // which RAW_MARKERS does not set)
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode[] lines = new tools.jackson.databind.node.ObjectNode[2];
        for (Fields way : Fields.values()) {
            LogSetup.startCapture();
            write(way);
            lines[way.ordinal()] = (tools.jackson.databind.node.ObjectNode) mapper.readTree(LogSetup.stopCapture());
            lines[way.ordinal()].remove(java.util.List.of("@timestamp", "request_id"));
        }
        if (!lines[0].equals(lines[1]) || !lines[0].has("http")) {
            throw new IllegalStateException("the two ways write different lines:\n" + lines[0] + "\n" + lines[1]);
        }
    }

    @Benchmark
    public long line() {
        long before = LogSetup.bytesLogged();
        write(fields);
        return LogSetup.bytesLogged() - before;
    }

    private void write(Fields way) {
        if (way == Fields.KEY_VALUES) {
            sink.write(event);
        } else {
            LoggingEventBuilder line = logger.atInfo().setMessage(EcsFieldMapping.message(event));
            ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
            for (Map.Entry<String, Object> field : EcsFieldMapping.fields(event).entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> tree = (Map<String, Object>) field.getValue();
                json.reset();
                EventJsonWriter.instance().writeTree(tree, json);
                line = line.addMarker(Markers.appendRaw(field.getKey(), json.toString(StandardCharsets.UTF_8)));
            }
            line.log();
        }
    }
}
