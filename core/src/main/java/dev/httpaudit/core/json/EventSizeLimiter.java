package dev.httpaudit.core.json;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.body.BodyText;
import java.util.List;
import java.util.Map;

/**
 * Fits an event into {@code max-event-bytes} (the line limit of log pipelines) by cutting
 * body contents further, marking them truncated; metadata is never cut. An event whose
 * metadata alone is larger than the limit keeps its metadata and loses its body contents.
 */
public final class EventSizeLimiter {

    /** Room kept for what cutting adds ({@code "truncated":true} twice) and rounding. */
    private static final int SLACK = 64;
    /** Worst-case JSON bytes of one UTF-16 char ({@code \u0001}). */
    private static final int MAX_BYTES_PER_CHAR = 6;
    /** Generous bound of the JSON of everything but headers and bodies. */
    private static final int METADATA_BOUND = 4096;

    private final long maxEventBytes;
    private final EventJsonWriter writer;

    private EventSizeLimiter(long maxEventBytes) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("max-event-bytes must be positive, was " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.writer = EventJsonWriter.instance();
    }

    /** A limiter for the given size of one serialized event, in bytes. */
    public static EventSizeLimiter of(long maxEventBytes) {
        return new EventSizeLimiter(maxEventBytes);
    }

    /** The limit in bytes. */
    public long maxEventBytes() {
        return maxEventBytes;
    }

    /** The event, or a copy with body contents cut so that its JSON fits the limit. */
    public AuditEvent fit(AuditEvent event) {
        // Cheap bound first: most events are far below the limit and are never serialized here.
        if (upperBound(event) <= maxEventBytes) {
            return event;
        }
        AuditEvent current = event;
        for (int attempt = 0; attempt < 4; attempt++) {
            long size = writer.sizeOf(current);
            if (size <= maxEventBytes) {
                return current;
            }
            long excess = size - maxEventBytes + SLACK;
            AuditEvent cut = cutBodies(current, excess);
            if (cut == current) {
                return current; // nothing left to cut: metadata is never cut
            }
            current = cut;
        }
        return dropContents(current);
    }

    private static long upperBound(AuditEvent event) {
        long chars = 0;
        chars += headerChars(event.request().headers()) + headerChars(event.response().headers());
        chars += contentLength(event.request().body()) + contentLength(event.response().body());
        chars += length(event.url().path()) + length(event.url().query()) + length(event.userAgent());
        chars += event.error() == null ? 0 : length(event.error().message()) + length(event.error().type());
        for (var entry : event.labels().entrySet()) {
            chars += length(entry.getKey()) + length(entry.getValue()) + 6;
        }
        if (event.user() != null) {
            chars += length(event.user().name());
            for (String role : event.user().roles()) {
                chars += length(role) + 3;
            }
        }
        return chars * MAX_BYTES_PER_CHAR + METADATA_BOUND;
    }

    private static long headerChars(Map<String, List<String>> headers) {
        long chars = 0;
        for (var entry : headers.entrySet()) {
            chars += entry.getKey().length() + 6;
            for (String value : entry.getValue()) {
                chars += length(value) + 3;
            }
        }
        return chars;
    }

    /**
     * Cuts {@code excess} chars from the body contents, the longer one first. Every char
     * is at least one byte of JSON, so cutting {@code excess} chars saves at least
     * {@code excess} bytes.
     */
    private static AuditEvent cutBodies(AuditEvent event, long excess) {
        Body requestBody = event.request().body();
        Body responseBody = event.response().body();
        long requestChars = contentLength(requestBody);
        long responseChars = contentLength(responseBody);
        if (requestChars + responseChars == 0) {
            return event;
        }
        // Bring the longer content down towards the shorter one, then cut both evenly.
        long longer = Math.max(requestChars, responseChars);
        long shorter = Math.min(requestChars, responseChars);
        long fromLonger = Math.min(excess, longer - shorter);
        long rest = excess - fromLonger;
        fromLonger = Math.min(longer, fromLonger + (rest + 1) / 2);
        long fromShorter = Math.min(shorter, excess - fromLonger);
        long fromResponse = responseChars >= requestChars ? fromLonger : fromShorter;
        long fromRequest = responseChars >= requestChars ? fromShorter : fromLonger;
        AuditEvent result = event;
        if (fromResponse > 0) {
            result = result.withResponse(result.response().withBody(cut(responseBody, responseChars - fromResponse)));
        }
        if (fromRequest > 0) {
            result = result.withRequest(result.request().withBody(cut(requestBody, requestChars - fromRequest)));
        }
        return result;
    }

    private static Body cut(Body body, long keepChars) {
        String cut = BodyText.cutAtCharBoundary(body.content(), (int) Math.max(0, keepChars));
        return body.withContent(cut.isEmpty() ? null : cut, true);
    }

    private static AuditEvent dropContents(AuditEvent event) {
        AuditEvent result = event;
        Body requestBody = event.request().body();
        if (requestBody != null && requestBody.content() != null) {
            result = result.withRequest(result.request().withBody(requestBody.withContent(null, true)));
        }
        Body responseBody = event.response().body();
        if (responseBody != null && responseBody.content() != null) {
            result = result.withResponse(result.response().withBody(responseBody.withContent(null, true)));
        }
        return result;
    }

    private static long contentLength(Body body) {
        return body == null ? 0 : length(body.content());
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
