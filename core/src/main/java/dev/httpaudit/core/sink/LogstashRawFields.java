package dev.httpaudit.core.sink;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.spi.LoggingEventBuilder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Hands an event's top-level fields to Logstash Logback Encoder as raw JSON markers: each
 * field's value is rendered once, straight to a String, and LLE copies it into the line
 * verbatim instead of walking a Map/List tree with databind. The only LLE member used is
 * {@code Markers.appendRaw(String, String)}, whose signature (and the markers it makes, written
 * by LLE's {@code LogstashMarkersJsonProvider}) is the same in LLE 8 (Jackson 2) and 9
 * (Jackson 3); no Jackson type of LLE's crosses this class.
 *
 * <p>The values are written with Jackson's standard JSON escapes, as LLE's own generator writes
 * the key-value pairs, so the line is byte for byte what the key-value pairs give (not
 * EventJsonWriter's extra escapes of U+0085, U+2028 and U+2029, whose per-character path took
 * two thirds of the write, measured in benchmarks/RESULTS.md).
 *
 * <p>Loaded only when LLE is on the class path: {@link Slf4jAuditSink} reaches it only then.
 */
final class LogstashRawFields {

    /** A buffer kept per thread above this many chars would hold a large body's memory for good. */
    private static final int MAX_KEPT_BUFFER = 64 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static final ThreadLocal<StringWriter> BUFFERS = ThreadLocal.withInitial(() -> new StringWriter(8192));

    private LogstashRawFields() {
    }

    /** Adds one raw JSON marker per field that the sink sends. */
    static LoggingEventBuilder addTo(LoggingEventBuilder line, Map<String, Object> fields, boolean ecsVersion) {
        StringWriter buffer = BUFFERS.get();
        try {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (Slf4jAuditSink.sends(field.getKey(), ecsVersion)) {
                    buffer.getBuffer().setLength(0);
                    try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), buffer)) {
                        writeValue(generator, field.getValue());
                    }
                    line = line.addMarker(Markers.appendRaw(field.getKey(), buffer.toString()));
                }
            }
            return line;
        } finally {
            if (buffer.getBuffer().capacity() > MAX_KEPT_BUFFER) {
                BUFFERS.remove();
            }
        }
    }

    /**
     * Writes a value of EcsFieldMapping's field tree. The same walk as EventJsonWriter's, which
     * keeps its generator (and its escapes) to itself: it would serve here given a Writer target
     * and standard escapes.
     */
    private static void writeValue(JsonGenerator generator, Object value) {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeName((String) entry.getKey());
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else {
            throw new IllegalArgumentException("not a field tree value: " + (value == null ? "null" : value.getClass()));
        }
    }
}
