package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The writer's exact output, compared with golden files under {@code golden/}. A golden file
 * holds the one JSON line and a final newline. When the event shape changes on purpose,
 * update the golden file and docs/event-schema.md together.
 */
class EventJsonWriterGoldenTest {

    static Stream<Arguments> goldenEvents() {
        return Stream.of(
                Arguments.of("full-event.json", (Supplier<AuditEvent>) SampleEvents::full),
                Arguments.of("minimal-event.json", (Supplier<AuditEvent>) SampleEvents::minimal),
                Arguments.of("body-flags-event.json", (Supplier<AuditEvent>) SampleEvents::bodyFlags),
                Arguments.of("unread-request-body-event.json", (Supplier<AuditEvent>) SampleEvents::unreadRequestBody));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void writerOutputIsExactlyTheGoldenFile(String golden, Supplier<AuditEvent> event) throws IOException {
        String expected = golden(golden);

        assertThat(EventJsonWriter.instance().toJson(event.get())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void everyOutputMethodWritesTheSameUtf8Bytes(String golden, Supplier<AuditEvent> event) throws IOException {
        byte[] expected = golden(golden).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventJsonWriter.instance().write(event.get(), out);

        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(EventJsonWriter.instance().toJsonBytes(event.get())).isEqualTo(expected);
        assertThat(EventJsonWriter.instance().sizeOf(event.get())).isEqualTo(expected.length);
    }

    @Test
    void minimalEventLeavesOutEveryAbsentOrEmptyValue() {
        String json = EventJsonWriter.instance().toJson(SampleEvents.minimal());

        assertThat(json).doesNotContain("null").doesNotContain("\"\"").doesNotContain("{}").doesNotContain("[]");
        assertThat(json).doesNotContain("\"user\"", "\"client\"", "\"trace\"", "\"span\"", "\"service\"",
                "\"error\"", "\"labels\"", "\"response\"", "\"user_agent\"", "\"route\"",
                "\"query\"", "\"mime_type\"", "\"headers\"", "\"body\"");
        // "version" occurs once, as ecs.version: http.version (empty here) is left out
        assertThat(dev.httpaudit.core.StrictJson.parse(json).path("http").has("version")).isFalse();
        assertThat(json.split("\"version\"", -1)).hasSize(2);
    }

    @Test
    void writerLeavesTheTargetStreamOpen() {
        var out = new ByteArrayOutputStream() {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        };
        EventJsonWriter.instance().write(SampleEvents.minimal(), out);

        assertThat(out.closed).isFalse();
        assertThat(out.size()).isPositive();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = EventJsonWriterGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).as("golden file %s is one line with a final newline", name).endsWith("\n");
            String line = text.substring(0, text.length() - 1);
            assertThat(line).doesNotContain("\n", "\r");
            return line;
        }
    }
}
