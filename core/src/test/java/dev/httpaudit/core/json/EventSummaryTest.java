package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.UrlInfo;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-line summary: the log message of the SLF4J sink and the {@code message} field. */
class EventSummaryTest {

    @Test
    void summaryIsMethodPathStatusAndMilliseconds() {
        assertThat(EventSummary.of(SampleEvents.full())).isEqualTo("POST /api/orders 201 12.5ms");
    }

    @Test
    void missingStatusIsADash() {
        AuditEvent event = SampleEvents.full().withResponse(new AuditResponse(0, null, Map.of(), null));

        assertThat(EventSummary.of(event)).isEqualTo("POST /api/orders - 12.5ms");
    }

    @Test
    void lineBreaksInThePathCannotForgeASecondLine() {
        AuditEvent event = SampleEvents.full()
                .withUrl(new UrlInfo("/a\nINFO forged\r\u2028\u2029\u0085\u0000", null, "http", "h", 80));

        String summary = EventSummary.of(event);

        assertThat(summary).isEqualTo("POST /a\\u000aINFO forged\\u000d\\u2028\\u2029\\u0085\\u0000 201 12.5ms");
        assertThat(summary.lines().count()).isEqualTo(1);
    }

    @Test
    void decimalPointDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);

            assertThat(EventSummary.of(SampleEvents.full())).endsWith(" 12.5ms");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void percentSignsInThePathAreText() {
        AuditEvent event = SampleEvents.full().withUrl(new UrlInfo("/%s%n%d", null, "http", "h", 80));

        assertThat(EventSummary.of(event)).isEqualTo("POST /%s%n%d 201 12.5ms");
    }

    @Test
    void millisecondsAreFormattedAsTheFormatterDid() {
        SplittableRandom random = new SplittableRandom(6);
        for (long nanos = 0; nanos < 3_000_000; nanos += 1_000) {
            assertSameAsFormatter(nanos);
        }
        for (long tenth = 0; tenth < 200_000; tenth++) {
            // around every rounding boundary (x.x5 ms) and at it
            for (long delta = -2; delta <= 2; delta++) {
                assertSameAsFormatter(tenth * 100_000 + 50_000 + delta);
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            assertSameAsFormatter(random.nextLong(1_000_000_000_000_000L));
            assertSameAsFormatter(random.nextLong(100_000_000_000L));
            long boundary = random.nextLong(10_000_000_000L) * 100_000 + 50_000;
            assertSameAsFormatter(boundary);
            assertSameAsFormatter(boundary - 1);
        }
        for (long nanos : new long[] {999_999_999_999_999L, 1_000_000_000_000_000L, Long.MAX_VALUE, -1, -50_000,
                -1_234_567, Long.MIN_VALUE}) {
            assertSameAsFormatter(nanos);
        }
    }

    private static void assertSameAsFormatter(long nanos) {
        StringBuilder out = new StringBuilder();
        EventSummary.appendMillis(out, nanos);
        String expected = String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
        if (!out.toString().equals(expected)) {
            assertThat(out.toString()).as("%d ns", nanos).isEqualTo(expected);
        }
    }
}
