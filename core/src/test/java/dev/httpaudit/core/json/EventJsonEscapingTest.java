package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ClientInfo;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Whatever text an exchange carries, the writer's output is one line of valid JSON, and
 * every string reads back as it was, except unpaired surrogates, which read back as U+FFFD.
 */
class EventJsonEscapingTest {

    /** Every string field of the event, as a JSON pointer to where the writer puts it. */
    private static final List<String> STRING_FIELDS = List.of(
            "/event/id", "/http/version", "/http/request/id", "/http/request/method", "/http/request/mime_type",
            "/http/request/headers/x-value/0", "/http/request/headers/x-value/1", "/http/request/body/content",
            "/http/response/mime_type", "/http/response/headers/x-value/0", "/http/response/body/content",
            "/http/route", "/url/path", "/url/query", "/url/scheme", "/url/domain", "/user/name", "/user/roles/0",
            "/client/ip", "/user_agent/original", "/trace/id", "/span/id", "/service/name", "/error/type",
            "/error/message", "/labels/label");

    static Stream<String> nastyStrings() {
        return Stream.of(
                "line1\nline2\r\nline3\rend",
                "\n",
                "all controls: " + IntStream.range(0, 0x20).mapToObj(c -> String.valueOf((char) c))
                        .reduce("", String::concat) + "\u007f",
                "quotes \" and 'single' and \\ backslashes \\\\ and \\n literal and \\u0000 literal",
                "high alone \uD83D end",
                "\uD83D",
                "low alone \uDE00 end",
                "\uDE00",
                "reversed pair \uDE00\uD83D end",
                "pair at the end \uD83D\uDE00",
                "emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD and CJK 漢字かなカナ 한국어",
                "line separator \u2028 paragraph separator \u2029 next line \u0085 end",
                "</script><!-- \u0000 \t tab",
                "{\"json\":\"inside\",\"n\":[1,2]}\n{\"second\":\"line\"}");
    }

    @ParameterizedTest
    @MethodSource("nastyStrings")
    void anyTextInEveryStringFieldGivesOneLineOfValidJsonThatReadsBack(String text) {
        assertOneLineThatReadsBack(text);
    }

    @ParameterizedTest
    @MethodSource("nastyStrings")
    void aNewlineInAnyOneFieldNeverSplitsTheLine(String text) {
        // One field at a time: no field is written by a path that skips escaping.
        for (String pointer : STRING_FIELDS) {
            AuditEvent event = eventWithText(pointer, text);
            String json = EventJsonWriter.instance().toJson(event);

            assertOneLine(json);
            JsonNode tree = StrictJson.parse(json);
            assertThat(tree.at(pointer).asString()).as(pointer).isEqualTo(expectedReadBack(text));
        }
    }

    @Property(tries = 300)
    void arbitraryTextInEveryStringFieldGivesOneLineOfValidJson(@ForAll("anyText") String text) {
        assertOneLineThatReadsBack(text);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> lineBreaksAndSurrogates = Arbitraries.strings()
                .withChars('\n', '\r', '\u2028', '\u2029', '\u0085', '"', '\\', '\u0000', '\uD83D', '\uDE00', 'a', '漢')
                .ofMaxLength(20);
        return Arbitraries.oneOf(anyChars, lineBreaksAndSurrogates);
    }

    @ParameterizedTest
    @MethodSource("nastyStrings")
    void summaryMessageHasNoLineBreakAndNoUnpairedSurrogate(String text) {
        AuditEvent event = eventWithEveryString(text);
        String message = StrictJson.parse(EventJsonWriter.instance().toJson(event)).get("message").asString();

        assertThat(message.chars().filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)).isEmpty();
        assertNoUnpairedSurrogate(message);
        assertThat(EventSummary.of(event)).isEqualTo(message);
    }

    private static void assertOneLineThatReadsBack(String text) {
        AuditEvent event = eventWithEveryString(text);
        byte[] bytes = EventJsonWriter.instance().toJsonBytes(event);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertOneLine(json);
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json)).as("well-formed UTF-8").isTrue();
        JsonNode tree = StrictJson.parse(bytes);
        String expected = expectedReadBack(text);
        for (String pointer : STRING_FIELDS) {
            JsonNode value = tree.at(pointer);
            if (expected.isEmpty() && !pointer.contains("/headers/") && !pointer.contains("/roles/")) {
                assertThat(value.isMissingNode()).as("empty %s is left out", pointer).isTrue();
            } else {
                assertThat(value.asString()).as(pointer).isEqualTo(expected);
            }
        }
        if (!text.isEmpty()) {
            String headerName = ("x-name-" + text).toLowerCase(Locale.ROOT);
            assertThat(tree.at("/http/request/headers").propertyNames())
                    .contains(expectedReadBack(headerName));
            assertThat(tree.at("/labels").propertyNames()).contains(expectedReadBack("key-" + text));
        }
        assertEveryStringIsValidUnicode(tree);
    }

    /** No line break of any kind a reader might split on: the event stays one line. */
    private static void assertOneLine(String json) {
        assertThat(json).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085");
        assertThat(json.chars().filter(c -> c < 0x20)).as("raw control characters").isEmpty();
        assertThat(json.lines().count()).isEqualTo(1);
    }

    private static void assertEveryStringIsValidUnicode(JsonNode node) {
        if (node.isString()) {
            assertNoUnpairedSurrogate(node.asString());
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            assertNoUnpairedSurrogate(child.getKey());
            assertEveryStringIsValidUnicode(child.getValue());
        }
        if (node.isArray()) {
            node.forEach(EventJsonEscapingTest::assertEveryStringIsValidUnicode);
        }
    }

    private static void assertNoUnpairedSurrogate(String text) {
        assertThat(text.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF))
                .as("unpaired surrogates in %s", text).isEmpty();
    }

    /** What a string reads back as: unpaired surrogates become U+FFFD, all else unchanged. */
    static String expectedReadBack(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp));
        return out.toString();
    }

    /** {@code text} in every string field of an otherwise fixed event. */
    static AuditEvent eventWithEveryString(String text) {
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("x-value", List.of(text, text));
        requestHeaders.put("x-name-" + text, List.of("v"));
        return new AuditEvent(1, text, SampleEvents.START, SampleEvents.END, 1_000L, Outcome.SUCCESS, text,
                new AuditRequest(text, text, text, requestHeaders, Body.captured(10, text, false)),
                new AuditResponse(200, text, Map.of("x-value", List.of(text)), Body.captured(10, text, false)),
                text, new UrlInfo(text, text, text, text, 8080), new UserInfo(text, List.of(text)),
                new ClientInfo(text, 1), text, new TraceInfo(text, text), text, new ErrorInfo(text, text),
                labels(text));
    }

    /** {@code text} in one string field (named by its JSON pointer), plain values elsewhere. */
    static AuditEvent eventWithText(String pointer, String text) {
        String plain = "plain";
        java.util.function.Function<String, String> v = p -> p.equals(pointer) ? text : plain;
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("x-value", List.of(v.apply("/http/request/headers/x-value/0"),
                v.apply("/http/request/headers/x-value/1")));
        return new AuditEvent(1, v.apply("/event/id"), SampleEvents.START, SampleEvents.END, 1_000L,
                Outcome.SUCCESS, v.apply("/http/version"),
                new AuditRequest(v.apply("/http/request/id"), v.apply("/http/request/method"),
                        v.apply("/http/request/mime_type"), requestHeaders,
                        Body.captured(10, v.apply("/http/request/body/content"), false)),
                new AuditResponse(200, v.apply("/http/response/mime_type"),
                        Map.of("x-value", List.of(v.apply("/http/response/headers/x-value/0"))),
                        Body.captured(10, v.apply("/http/response/body/content"), false)),
                v.apply("/http/route"),
                new UrlInfo(v.apply("/url/path"), v.apply("/url/query"), v.apply("/url/scheme"),
                        v.apply("/url/domain"), 8080),
                new UserInfo(v.apply("/user/name"), List.of(v.apply("/user/roles/0"))),
                new ClientInfo(v.apply("/client/ip"), 1), v.apply("/user_agent/original"),
                new TraceInfo(v.apply("/trace/id"), v.apply("/span/id")), v.apply("/service/name"),
                new ErrorInfo(v.apply("/error/type"), v.apply("/error/message")),
                Map.of("label", v.apply("/labels/label")));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("label", text);
        labels.put("key-" + text, "v");
        return labels;
    }
}
