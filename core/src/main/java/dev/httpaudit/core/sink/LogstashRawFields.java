package dev.httpaudit.core.sink;

import dev.httpaudit.core.json.EventJsonWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.Marker;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Hands an event's top-level fields to Logstash Logback Encoder as raw JSON markers: each
 * field's value is rendered once by {@link EventJsonWriter} and LLE copies it into the line
 * verbatim, instead of walking a Map/List tree with databind. The only LLE member used is
 * {@code Markers.appendRaw(String, String)}, whose signature (and the markers it makes, written
 * by LLE's {@code LogstashMarkersJsonProvider}) is the same in LLE 8 (Jackson 2) and 9
 * (Jackson 3); no Jackson type of LLE's crosses this class.
 *
 * <p>Loaded only when LLE is on the class path: {@link Slf4jAuditSink} reaches it only then.
 */
final class LogstashRawFields {

    /** A buffer kept per thread above this size would hold a large body's memory for good. */
    private static final int MAX_KEPT_BUFFER = 64 * 1024;

    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private LogstashRawFields() {
    }

    /** Adds one raw JSON marker per field (each field's value a JSON object, as in EcsFieldMapping). */
    static LoggingEventBuilder addTo(LoggingEventBuilder line, Map<String, Object> fields, boolean ecsVersion) {
        Buffer buffer = BUFFERS.get();
        buffer.reset();
        try {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (!Slf4jAuditSink.sends(field.getKey(), ecsVersion)) {
                    continue;
                }
                if (!(field.getValue() instanceof Map<?, ?> tree)) {
                    // Every top-level value of EcsFieldMapping.fields is an object today; should
                    // one ever not be, it still reaches the line, the old way.
                    line = line.addKeyValue(field.getKey(), field.getValue());
                    continue;
                }
                int start = buffer.size();
                EventJsonWriter.instance().writeTree(asTree(tree), buffer);
                Marker marker = Markers.appendRaw(field.getKey(), buffer.text(start));
                line = line.addMarker(marker);
            }
            return line;
        } finally {
            if (buffer.capacity() > MAX_KEPT_BUFFER) {
                BUFFERS.remove();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asTree(Map<?, ?> tree) {
        return (Map<String, Object>) tree; // EcsFieldMapping's trees have String keys
    }

    /** A byte buffer whose content since an offset can be read as UTF-8 text without a copy of the whole. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }

        String text(int start) {
            return new String(buf, start, count - start, StandardCharsets.UTF_8);
        }

        int capacity() {
            return buf.length;
        }
    }
}
