package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.UrlInfo;
import java.util.Locale;
import java.util.Map;
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
}
