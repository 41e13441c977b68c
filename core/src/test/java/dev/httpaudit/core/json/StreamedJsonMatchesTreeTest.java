package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ClientInfo;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON writer streams an event's bytes straight from the mapping; the SLF4J and
 * OpenTelemetry sinks render the mapping's field tree. Both must be the same document, byte
 * for byte, whatever the event holds.
 */
class StreamedJsonMatchesTreeTest {

    private static final EventJsonWriter WRITER = EventJsonWriter.instance();

    static Stream<Arguments> events() {
        List<Arguments> events = new ArrayList<>();
        for (AuditEvent sample : SampleEvents.all()) {
            events.add(Arguments.of("sample " + sample.id(), sample));
        }
        // bad UTF-8 decoded with replacement characters, and unpaired surrogates everywhere
        events.add(Arguments.of("bad UTF-8 body", withBodies(SampleEvents.full(),
                new String(new byte[] {'{', (byte) 0xC3, '"', (byte) 0xFF, (byte) 0xE2, (byte) 0x82, '}'},
                        StandardCharsets.UTF_8), "x\uD800y\uDC00z\uDBFF")));
        events.add(Arguments.of("unpaired surrogates in names and values", surrogateNames()));
        events.add(Arguments.of("control characters and line terminators",
                withBodies(SampleEvents.full(), "a\nb\r\tc\u0000\u0085\u2028\u2029\"\\", "\u001f\u007f\u00e9\u4e2d\uD83D\uDE00")));
        events.add(Arguments.of("huge body", withBodies(SampleEvents.full(), "é".repeat(300_000), "{\"k\":\"" + "v".repeat(1 << 20) + "\"}")));
        events.add(Arguments.of("binary bodies (size only, undecodable)", binaryBodies()));
        events.add(Arguments.of("empty and absent values", emptyValues()));
        events.add(Arguments.of("size-limited huge body",
                EventJsonWriter.sizeLimit(4096).apply(withBodies(SampleEvents.full(), "ü".repeat(50_000), "\n".repeat(20_000)))));
        events.add(Arguments.of("size-limited metadata larger than the limit",
                EventJsonWriter.sizeLimit(200).apply(SampleEvents.full())));
        return events.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void streamedBytesEqualTheTreesRendering(String name, AuditEvent event) {
        byte[] fromTree = treeBytes(event);

        assertThat(WRITER.toJsonBytes(event)).isEqualTo(fromTree);
        assertThat(WRITER.sizeOf(event)).isEqualTo(fromTree.length);
        StrictJson.parse(new String(fromTree, StandardCharsets.UTF_8));
    }

    @Test
    void randomEventsStreamTheSameBytesAsTheirTree() {
        Random random = new Random(12);
        for (int i = 0; i < 300; i++) {
            AuditEvent event = randomEvent(random);
            assertThat(WRITER.toJsonBytes(event)).as("event %d", i).isEqualTo(treeBytes(event));
        }
    }

    private static byte[] treeBytes(AuditEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.writeTree(EcsFieldMapping.document(event), out);
        return out.toByteArray();
    }

    private static AuditEvent withBodies(AuditEvent event, String request, String response) {
        return event.withRequest(event.request().withBody(Body.captured(request.length(), request, false)))
                .withResponse(event.response().withBody(Body.captured(response.length(), response, true)));
    }

    private static AuditEvent surrogateNames() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-a\uD800", List.of("one"));
        headers.put("x-a\uDFFF", List.of("two", "\uD800")); // the same safe name: one field, as in a map
        headers.put("", List.of("empty name"));
        headers.put("x-none", List.of());
        headers.put("x-empty-value", List.of("a", ""));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("k\uDC00", "1");
        labels.put("k\uD801", "");
        labels.put("", "no name");
        labels.put("ok", "v\uD800");
        AuditEvent base = SampleEvents.full();
        return new AuditEvent(base.sequence(), base.id() + "\uD800", base.start(), base.end(), base.durationNanos(),
                base.outcome(), base.httpVersion(),
                new AuditRequest("r\uDC01", "GET\uD800", null, headers, null),
                new AuditResponse(0, null, headers, Body.notRead(3L)),
                "/r\uDBFF", new UrlInfo("/p\uD800", "q=\uDC00", "http", "h\uD800", null),
                new UserInfo("\uD800", List.of("\uDC00", "")), new ClientInfo("::1\uD800", null), "ua\uD800",
                null, "svc\uDC00", null, labels);
    }

    private static AuditEvent binaryBodies() {
        AuditEvent base = SampleEvents.full();
        return base.withRequest(base.request().withBody(Body.sizeOnly(1 << 20)))
                .withResponse(base.response().withBody(Body.undecodable(4096, "***", true)));
    }

    private static AuditEvent emptyValues() {
        return new AuditEvent(0, "", SampleEvents.START, SampleEvents.END, 0, Outcome.SUCCESS, "",
                new AuditRequest("", "", "", Map.of(), new Body(null, "", false, false, true)),
                new AuditResponse(-1, "", Map.of(), new Body(null, null, false, false, true)),
                "", new UrlInfo("", "", "", "", null), new UserInfo("", List.of()), new ClientInfo("", null), "",
                null, "", null, Map.of("", ""));
    }

    private static AuditEvent randomEvent(Random random) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int h = random.nextInt(5); h > 0; h--) {
            List<String> values = new ArrayList<>();
            for (int v = random.nextInt(3); v > 0; v--) {
                values.add(text(random));
            }
            headers.put(text(random), values);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int l = random.nextInt(3); l > 0; l--) {
            labels.put(text(random), randomText(random));
        }
        Body body = random.nextBoolean() ? null
                : new Body(random.nextBoolean() ? null : (long) random.nextInt(100_000), randomText(random),
                        random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
        return new AuditEvent(random.nextInt(1000), "id" + random.nextInt(), SampleEvents.START, SampleEvents.END,
                random.nextInt(), Outcome.values()[random.nextInt(Outcome.values().length)], randomText(random),
                new AuditRequest(text(random), text(random), randomText(random), headers, body),
                new AuditResponse(random.nextInt(600) - 50, randomText(random), headers, body),
                random.nextBoolean() ? null : randomText(random),
                new UrlInfo(text(random), randomText(random), text(random), text(random),
                        random.nextBoolean() ? null : random.nextInt(65536)),
                random.nextBoolean() ? null : new UserInfo(text(random), List.of(text(random))),
                random.nextBoolean() ? null : new ClientInfo(text(random), random.nextInt(65536)),
                randomText(random), null, randomText(random), null, labels);
    }

    private static String text(Random random) {
        String text = randomText(random);
        return text == null ? "" : text;
    }

    /** Often empty or absent; otherwise a few chars from ASCII, controls, non-BMP and lone surrogates. */
    private static String randomText(Random random) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return "";
        }
        String alphabet = "ab\"\\\n\u0001\u0085\u2028é中\uD83D\uDE00\uD800\uDC00";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
