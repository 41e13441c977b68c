package dev.httpaudit.core.json;

import dev.httpaudit.core.AuditEvent;
import java.util.Locale;

/** The one-line summary of an event, such as {@code POST /api/orders 201 12.4ms}. */
public final class EventSummary {

    private EventSummary() {
    }

    /**
     * Method, path, status (or {@code -} when none was sent) and duration in milliseconds.
     * Control characters are shown as {@code \\uXXXX}, so a crafted path cannot forge a
     * second log line in a plain-text layout; unpaired surrogates become U+FFFD, as in
     * every other field, so no encoder fails on the message.
     */
    public static String of(AuditEvent event) {
        String status = event.response().statusCode() > 0 ? Integer.toString(event.response().statusCode()) : "-";
        String text = String.format(Locale.ROOT, "%s %s %s %.1fms",
                event.request().method(), event.url().path(), status, event.durationNanos() / 1_000_000.0);
        return EcsFieldMapping.safe(withoutControlCharacters(text));
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
