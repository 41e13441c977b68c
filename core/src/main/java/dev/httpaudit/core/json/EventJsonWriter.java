package dev.httpaudit.core.json;

import dev.httpaudit.core.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Writes an {@link AuditEvent} as one compact ECS JSON object with Jackson's streaming
 * generator, straight from {@link EcsFieldMapping} to UTF-8 bytes. Jackson escapes quotes and control characters (a newline in the data is written
 * as {@code \n}, so it can never split a line), the Unicode line terminators U+0085, U+2028
 * and U+2029 are escaped too (many readers split lines on them), and {@link EcsFieldMapping}
 * has already replaced unpaired surrogates. Thread-safe and stateless.
 */
public final class EventJsonWriter {

    private static final EventJsonWriter INSTANCE = new EventJsonWriter();

    // Buffers recycled per thread: Jackson's default shared deque pool showed up at 12% of an
    // exchange's time in the JMH profile (benchmarks/RESULTS.md), for one generator per event.
    private final JsonFactory factory = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .characterEscapes(new LineTerminatorEscapes())
            .build();

    private EventJsonWriter() {
    }

    /** The shared writer. */
    public static EventJsonWriter instance() {
        return INSTANCE;
    }

    /**
     * A function fitting events into {@code maxEventBytes} of JSON (the line limit of log
     * pipelines): body contents are cut further and marked truncated; metadata is never cut.
     *
     * @throws IllegalArgumentException when {@code maxEventBytes} is not positive
     */
    public static UnaryOperator<AuditEvent> sizeLimit(long maxEventBytes) {
        return EventSizeLimiter.of(maxEventBytes)::fit;
    }

    /**
     * Writes the event's complete document (no line separator) to {@code out}, in UTF-8:
     * streamed from the mapping, with no field tree in between, byte for byte what
     * {@link #writeTree writeTree}{@code (EcsFieldMapping.document(event), out)} writes.
     */
    public void write(AuditEvent event, OutputStream out) {
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            EcsFieldMapping.writeDocument(event, new GeneratorFieldWriter(generator));
        } catch (tools.jackson.core.JacksonException e) {
            throw unwrap(e);
        }
    }

    /** The event's complete document as a JSON string. */
    public String toJson(AuditEvent event) {
        return new String(toJsonBytes(event), StandardCharsets.UTF_8);
    }

    /** The event's complete document as UTF-8 bytes. */
    public byte[] toJsonBytes(AuditEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(event, out);
        return out.toByteArray();
    }

    /** The size in bytes of the event's document, without keeping the bytes. */
    public long sizeOf(AuditEvent event) {
        CountingOutputStream counter = new CountingOutputStream();
        write(event, counter);
        return counter.count;
    }

    /**
     * The size in bytes of the first {@code length} chars of {@code text} written as a JSON
     * string (quotes included); for cutting bodies to a byte budget.
     */
    long sizeOfString(char[] text, int length) {
        CountingOutputStream counter = new CountingOutputStream();
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), counter)) {
            generator.writeString(text, 0, length);
        }
        return counter.count;
    }

    /** Writes a field tree as made by {@link EcsFieldMapping} to {@code out}, in UTF-8. */
    public void writeTree(Map<String, Object> tree, OutputStream out) {
        try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            writeValue(generator, tree);
        } catch (tools.jackson.core.JacksonException e) {
            throw unwrap(e);
        }
    }

    /** A failure of the target stream as the {@link UncheckedIOException} it is; anything else as is. */
    private static RuntimeException unwrap(tools.jackson.core.JacksonException e) {
        if (e.getCause() instanceof java.io.IOException io) {
            return new UncheckedIOException(io);
        }
        return e;
    }

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

    /**
     * Jackson's standard JSON escapes, plus six-character escapes of the Unicode line terminators
     * that JSON allows raw in strings (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): JavaScript,
     * Python's {@code splitlines()} and some log viewers break lines on them.
     */
    private static final class LineTerminatorEscapes extends CharacterEscapes {
        private static final SerializableString NEL = new SerializedString("\\u0085");
        private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

        private final int[] asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x85 -> NEL;
                case 0x2028 -> LINE_SEPARATOR;
                case 0x2029 -> PARAGRAPH_SEPARATOR;
                default -> null;
            };
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
