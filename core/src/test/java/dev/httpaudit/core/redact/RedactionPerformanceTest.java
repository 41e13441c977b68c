package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.Body;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A guard against slow paths (anything quadratic), not a benchmark: redaction runs on every
 * request. Bodies of 64 KiB with 1,000 fields take well under a millisecond of CPU each on a
 * laptop; the bound here leaves room for a loaded CI machine. Thread CPU time, best of a few
 * rounds, so that other work on the machine does not count.
 */
class RedactionPerformanceTest {

    private static final int BODY_CHARS = 64 * 1024;
    private static final long BOUND_NANOS = 5_000_000;

    private final Redactor redactor = Redactor.defaults();

    /** About 64 KiB of JSON with 1,000 fields, one object in ten holding a password. */
    static String json() {
        StringBuilder b = new StringBuilder("[");
        String filler = "x".repeat(BODY_CHARS / 100 - 160);
        for (int i = 0; i < 100; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"id\":").append(i).append(",\"name\":\"customer ").append(i)
                    .append("\",\"email\":\"u").append(i).append("@example.com\",\"address\":{\"city\":\"Springfield\"},")
                    .append("\"note\":\"").append(filler).append("\",")
                    .append(i % 10 == 0 ? "\"password\":\"hunter-" + i + "\"," : "\"active\":true,")
                    .append("\"tags\":[\"a\",\"b\"],\"score\":").append(i * 1.5).append('}');
        }
        return b.append(']').toString();
    }

    static String form() {
        StringBuilder b = new StringBuilder();
        String filler = "v".repeat(BODY_CHARS / 1000 - 16);
        for (int i = 0; i < 1000; i++) {
            if (i > 0) {
                b.append('&');
            }
            b.append(i % 50 == 0 ? "password" : "field" + i).append('=').append(filler).append("+%21").append(i);
        }
        return b.toString();
    }

    static String text() {
        StringBuilder b = new StringBuilder();
        while (b.length() < BODY_CHARS) {
            b.append("Lorem ipsum dolor sit amet, it's consectetur: adipiscing <b>elit</b> \"sed\" do=eiusmod.\n");
        }
        return b.toString();
    }

    private static AuditEvent event(String mimeType, String content, boolean truncated) {
        return Events.base()
                .request(new AuditRequest("r", "POST", mimeType,
                        Map.of("authorization", List.of("Bearer abcdefghijklmnop"), "accept", List.of("*/*")),
                        Body.captured(content.length(), content, truncated)))
                .build();
    }

    private long cpuNanosPerEvent(AuditEvent event) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) {
            redactor.redact(event);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                redactor.redact(event);
            }
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 100);
        }
        return best;
    }

    private void assertFast(String label, AuditEvent event) {
        long nanos = cpuNanosPerEvent(event);
        System.out.printf("%s: %d chars in %.3f ms%n", label, event.request().body().content().length(), nanos / 1e6);
        assertThat(nanos).as(label).isLessThan(BOUND_NANOS);
    }

    @Test
    void jsonBodyOf64KibWith1000FieldsIsRedactedQuickly() {
        String json = json();
        assertThat(json.length()).isBetween(BODY_CHARS - 4096, BODY_CHARS + 4096);
        assertThat(Events.requestContent(redactor.redact(event(Events.JSON, json, false)))).doesNotContain("hunter");

        assertFast("json", event(Events.JSON, json, false));
        assertFast("json without secrets", event(Events.JSON, json.replace("password", "passcode"), false));
        assertFast("json cut short", event(Events.JSON, json.substring(0, json.length() - 100), true));
    }

    @Test
    void formAndTextBodiesOf64KibAreRedactedQuickly() {
        assertFast("form", event(Events.FORM, form(), false));
        assertFast("text", event(Events.TEXT, text(), false));
    }
}
