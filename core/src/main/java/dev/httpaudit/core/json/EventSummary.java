package dev.httpaudit.core.json;

import dev.httpaudit.core.AuditEvent;
import java.util.Locale;

/** The one-line summary of an event, such as {@code POST /api/orders 201 12.4ms}. */
final class EventSummary {

    private EventSummary() {
    }

    /**
     * Method, path, status (or {@code -} when none was sent) and duration in milliseconds.
     * Control characters are shown as {@code \\uXXXX}, so a crafted path cannot forge a
     * second log line in a plain-text layout; unpaired surrogates become U+FFFD, as in
     * every other field, so no encoder fails on the message.
     */
    static String of(AuditEvent event) {
        int statusCode = event.response().statusCode();
        StringBuilder out = new StringBuilder(64)
                .append(event.request().method()).append(' ')
                .append(event.url().path()).append(' ');
        if (statusCode > 0) {
            out.append(statusCode);
        } else {
            out.append('-');
        }
        out.append(' ');
        appendMillis(out, event.durationNanos());
        String text = out.append("ms").toString();
        return EcsFieldMapping.safe(withoutControlCharacters(text));
    }

    /**
     * Appends {@code nanos} as milliseconds with one decimal, exactly as
     * {@code String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0)} does (half-up), without
     * the {@code Formatter}: that parsed the format string and allocated a dozen objects per
     * event, about 7% of the audit's CPU time in the end-to-end profile. Up to 10^15 ns (11
     * days) the quotient has at most 15 significant digits, so the double holds it exactly
     * enough that its decimal digits are those of the integer division; beyond that, and for
     * negative values, the formatter is still used.
     */
    static void appendMillis(StringBuilder out, long nanos) {
        if (nanos >= 0 && nanos < 1_000_000_000_000_000L) {
            long tenths = (nanos + 50_000) / 100_000;
            out.append(tenths / 10).append('.').append((char) ('0' + (int) (tenths % 10)));
        } else {
            out.append(String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0));
        }
    }

    private static String withoutControlCharacters(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
