package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UrlInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code max-event-bytes}: bodies are cut further to fit and marked truncated; metadata is
 * never cut; a cut never splits a surrogate pair.
 */
class EventSizeLimiterTest {

    private static final int LIMIT = 2048;
    private static final EventJsonWriter WRITER = EventJsonWriter.instance();

    static Stream<Arguments> largeBodies() {
        return Stream.of(
                Arguments.of("ASCII", "a".repeat(50_000)),
                Arguments.of("CJK, 3 bytes a char", "漢字かな".repeat(10_000)),
                Arguments.of("emoji, surrogate pairs", "\uD83D\uDE00".repeat(20_000)),
                Arguments.of("emoji after one ASCII char", "x" + "\uD83D\uDE00".repeat(20_000)),
                Arguments.of("control characters, 6 bytes each", "\u0001".repeat(30_000)),
                Arguments.of("line separators, 6 bytes each", "\u2028".repeat(30_000)),
                Arguments.of("quotes and backslashes", "\"\\".repeat(20_000)),
                Arguments.of("mixed", "a\u0001漢\uD83D\uDE00\"\n".repeat(8_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeBodies")
    void largeBodiesAreCutToFitAndMarkedTruncated(String kind, String content) {
        AuditEvent event = withBodies(SampleEvents.full(), content, content);

        AuditEvent fitted = EventSizeLimiter.of(LIMIT).fit(event);

        assertThat(WRITER.sizeOf(fitted)).isLessThanOrEqualTo(LIMIT);
        assertCutBody(event.request().body(), fitted.request().body());
        assertCutBody(event.response().body(), fitted.response().body());
        assertThat(fitted.request().body().truncated()).isTrue();
        assertThat(fitted.response().body().truncated()).isTrue();
        assertThat(fitted.request().body().content()).as("a useful part of the body is kept").isNotEmpty();
        assertMetadataIntact(event, fitted);
        StrictJson.parse(WRITER.toJson(fitted));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeBodies")
    void oneLargeBodyIsCutAndTheSmallOneKept(String kind, String content) {
        AuditEvent event = withBodies(SampleEvents.full(), "{\"small\":true}", content);

        AuditEvent fitted = EventSizeLimiter.of(LIMIT).fit(event);

        assertThat(WRITER.sizeOf(fitted)).isLessThanOrEqualTo(LIMIT);
        assertThat(fitted.request().body()).isEqualTo(event.request().body());
        assertCutBody(event.response().body(), fitted.response().body());
        assertThat(fitted.response().body().truncated()).isTrue();
        assertMetadataIntact(event, fitted);
    }

    @Test
    void eventWithinTheLimitIsReturnedUnchanged() {
        AuditEvent event = SampleEvents.full();

        assertThat(EventSizeLimiter.of(LIMIT).fit(event)).isSameAs(event);
        assertThat(EventSizeLimiter.of(WRITER.sizeOf(event)).fit(event)).isSameAs(event);
    }

    @Test
    void eventOfExactlyTheLimitIsNotCutButOneByteLessIs() {
        AuditEvent event = withBodies(SampleEvents.full(), "b".repeat(3000), null);
        long size = WRITER.sizeOf(event);

        assertThat(EventSizeLimiter.of(size).fit(event)).isEqualTo(event);
        AuditEvent cut = EventSizeLimiter.of(size - 1).fit(event);
        assertThat(WRITER.sizeOf(cut)).isLessThanOrEqualTo(size - 1);
        assertThat(cut.request().body().truncated()).isTrue();
    }

    @Test
    void metadataLargerThanTheLimitIsKeptAndBodyContentsAreDropped() {
        AuditEvent event = withBodies(SampleEvents.full(), "request body", "response body");
        Map<String, List<String>> headers = new LinkedHashMap<>(event.request().headers());
        headers.put("x-large", List.of("h".repeat(3000)));
        event = event.withRequest(event.request().withHeaders(headers));

        AuditEvent fitted = EventSizeLimiter.of(LIMIT).fit(event);

        assertThat(fitted.request().body().content()).isNull();
        assertThat(fitted.response().body().content()).isNull();
        assertThat(fitted.request().body().truncated()).isTrue();
        assertThat(fitted.response().body().truncated()).isTrue();
        assertThat(fitted.request().body().bytes()).isEqualTo(event.request().body().bytes());
        assertMetadataIntact(event, fitted);
        assertThat(fitted.request().headers().get("x-large")).containsExactly("h".repeat(3000));
    }

    @Test
    void largeMetadataOutsideHeadersAndBodiesStillGetsBodiesCut() {
        // A long correlation ID or host name is metadata too: it is kept, and the bodies give way.
        int limit = 10_000;
        AuditEvent event = withBodies(SampleEvents.full(), "r".repeat(300), "s".repeat(300));
        long withoutIdOrContents = WRITER.sizeOf(withId(withBodies(event, null, null), ""));
        String id = "i".repeat((int) (limit - 200 - withoutIdOrContents));
        event = withId(event, id);
        assertThat(WRITER.sizeOf(event)).as("the event is too large").isGreaterThan(limit);

        AuditEvent fitted = EventSizeLimiter.of(limit).fit(event);

        assertThat(WRITER.sizeOf(fitted)).isLessThanOrEqualTo(limit);
        assertThat(fitted.request().id()).isEqualTo(id);
        assertThat(fitted.request().body().truncated()).isTrue();
        assertThat(fitted.response().body().truncated()).isTrue();
    }

    @Test
    void pathOfControlCharactersCountsForTheSummaryMessageToo() {
        // The path is written twice: in url.path, and in the summary where \u0001 becomes \\u0001.
        AuditEvent event = withBodies(SampleEvents.full(), "r".repeat(300), null);
        event = event.withUrl(new UrlInfo("/" + "\u0001".repeat(1_500), null, "http", "localhost", 8080));

        AuditEvent fitted = EventSizeLimiter.of(15_000).fit(event);

        assertThat(WRITER.sizeOf(event.withRequest(event.request().withBody(Body.sizeOnly(300)))))
                .as("the metadata alone is larger than the limit").isGreaterThan(15_000);
        assertThat(fitted.request().body().content()).isNull();
        assertThat(fitted.request().body().truncated()).isTrue();
        assertThat(fitted.url()).isEqualTo(event.url());
    }

    @Test
    void cutNeverEndsWithHalfASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        for (int limit = 1200; limit < 1300; limit++) {
            AuditEvent event = withBodies(SampleEvents.minimal(), emoji.repeat(500), "x" + emoji.repeat(500));

            AuditEvent fitted = EventSizeLimiter.of(limit).fit(event);

            assertThat(WRITER.sizeOf(fitted)).isLessThanOrEqualTo(limit);
            assertNoUnpairedSurrogate(fitted.request().body().content());
            assertNoUnpairedSurrogate(fitted.response().body().content());
            assertThat(WRITER.toJson(fitted)).doesNotContain("\uFFFD");
        }
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> EventSizeLimiter.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventSizeLimiter.of(2048).maxEventBytes()).isEqualTo(2048);
    }

    @Property(tries = 200)
    void fittedEventIsWithinTheLimitWheneverItsMetadataIs(
            @ForAll("bodies") String requestContent, @ForAll("bodies") String responseContent,
            @ForAll("metadata") String metadata, @ForAll @IntRange(min = 600, max = 40_000) int limit) {
        AuditEvent event = withBodies(SampleEvents.full(), requestContent, responseContent);
        event = event.withRequest(new AuditRequest(metadata, "POST", "application/json",
                        Map.of("x-meta", List.of(metadata)), event.request().body()))
                .withUrl(new UrlInfo("/p/" + metadata, metadata, "http", metadata, 8080))
                .withRoute(metadata);

        AuditEvent fitted = EventSizeLimiter.of(limit).fit(event);

        assertMetadataIntact(event, fitted);
        assertCutBody(event.request().body(), fitted.request().body());
        assertCutBody(event.response().body(), fitted.response().body());
        AuditEvent metadataOnly = event
                .withRequest(event.request().withBody(event.request().body().withContent(null, true)))
                .withResponse(event.response().withBody(event.response().body().withContent(null, true)));
        long size = WRITER.sizeOf(fitted);
        if (WRITER.sizeOf(metadataOnly) <= limit) {
            assertThat(size).isLessThanOrEqualTo(limit);
        } else if (size > limit) {
            // Only metadata may keep an event over the limit: then no content is left.
            // (A tiny untruncated body can still fit where the truncated flags would not.)
            assertThat(fitted.request().body().content()).isNullOrEmpty();
            assertThat(fitted.response().body().content()).isNullOrEmpty();
        }
        if (WRITER.sizeOf(event) <= limit) {
            assertThat(fitted).isEqualTo(event);
        }
        StrictJson.parse(WRITER.toJson(fitted));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().ascii()),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u4e00', '\u9fff')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\u2028', '\u00e9', '"', '\\')));
        Arbitrary<String> text = chars.list().ofMaxSize(20_000)
                .map(list -> list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()));
        Arbitrary<String> withEmoji = Arbitraries.integers().between(0, 8_000).map(n -> "\uD83D\uDE00".repeat(n));
        return Arbitraries.oneOf(text, withEmoji, Arbitraries.just(""));
    }

    @Provide
    Arbitrary<String> metadata() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(50),
                Arbitraries.strings().alpha().ofMinLength(1000).ofMaxLength(6000),
                Arbitraries.integers().between(0, 2000).map("\u0001"::repeat));
    }

    private static AuditEvent withId(AuditEvent event, String requestId) {
        AuditRequest r = event.request();
        return event.withRequest(new AuditRequest(requestId, r.method(), r.mimeType(), r.headers(), r.body()));
    }

    private static AuditEvent withBodies(AuditEvent event, String requestContent, String responseContent) {
        return event
                .withRequest(event.request().withBody(body(requestContent)))
                .withResponse(event.response().withBody(body(responseContent)));
    }

    private static Body body(String content) {
        return content == null ? Body.sizeOnly(0) : Body.captured(content.length() * 3L, content, false);
    }

    /** The fitted body is the original, or a prefix of its content marked truncated, same size. */
    private static void assertCutBody(Body original, Body fitted) {
        assertThat(fitted.bytes()).isEqualTo(original.bytes());
        assertThat(fitted.reconstructed()).isEqualTo(original.reconstructed());
        assertThat(fitted.read()).isEqualTo(original.read());
        if (fitted.equals(original)) {
            return;
        }
        assertThat(fitted.truncated()).as("a cut body is marked truncated").isTrue();
        if (fitted.content() != null) {
            assertThat(original.content()).startsWith(fitted.content());
            assertThat(fitted.content().length()).isLessThan(original.content().length());
            assertNoUnpairedSurrogate(fitted.content());
        }
    }

    /** Everything but the body contents is as it was. */
    private static void assertMetadataIntact(AuditEvent original, AuditEvent fitted) {
        AuditEvent withoutBodies = withBodies(original, null, null);
        assertThat(withBodies(fitted, null, null)).isEqualTo(withoutBodies);
        assertThat(fitted.request().headers()).isEqualTo(original.request().headers());
        assertThat(fitted.response().headers()).isEqualTo(original.response().headers());
        assertThat(fitted.url()).isEqualTo(original.url());
        assertThat(fitted.user()).isEqualTo(original.user());
        assertThat(fitted.error()).isEqualTo(original.error());
    }

    private static void assertNoUnpairedSurrogate(String text) {
        if (text != null) {
            assertThat(text.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF))
                    .as("unpaired surrogates").isEmpty();
        }
    }
}
