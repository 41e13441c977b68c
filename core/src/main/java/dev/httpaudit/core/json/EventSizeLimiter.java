package dev.httpaudit.core.json;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.internal.BodyText;
import java.util.List;
import java.util.Map;

/**
 * Fits an event into {@code max-event-bytes} (the line limit of log pipelines) by cutting
 * body contents further, marking them truncated; metadata is never cut. An event whose
 * metadata alone is larger than the limit keeps its metadata and loses its body contents.
 */
final class EventSizeLimiter {

    /** Room kept for what cutting adds ({@code "truncated":true} twice) and rounding. */
    private static final int SLACK = 64;
    /** Worst-case JSON bytes of one UTF-16 char (a control character, six bytes escaped). */
    private static final int MAX_BYTES_PER_CHAR = 6;
    /** Worst case in the summary, where a control character is shown as six chars, one a backslash. */
    private static final int MAX_SUMMARY_BYTES_PER_CHAR = 7;
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

    /**
     * A bound of the event's JSON size that is never below the real size: every string
     * counted at the worst case of 6 bytes a char, the summary in {@code message} (which
     * repeats method and path, a control character there written as 7 bytes) on top, and a
     * generous allowance for names, numbers and punctuation.
     */
    private static long upperBound(AuditEvent event) {
        AuditRequest request = event.request();
        UrlInfo url = event.url();
        long chars = 0;
        chars += headerChars(request.headers()) + headerChars(event.response().headers());
        chars += contentLength(request.body()) + contentLength(event.response().body());
        chars += length(request.id()) + length(request.method()) + length(request.mimeType())
                + length(event.response().mimeType());
        chars += length(event.id()) + length(event.httpVersion()) + length(event.route())
                + length(event.userAgent()) + length(event.serviceName());
        chars += length(url.path()) + length(url.query()) + length(url.scheme()) + length(url.domain());
        if (event.client() != null) {
            chars += length(event.client().ip());
        }
        if (event.trace() != null) {
            chars += length(event.trace().traceId()) + length(event.trace().spanId());
        }
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
        long summaryBytes = (long) (length(request.method()) + length(url.path())) * MAX_SUMMARY_BYTES_PER_CHAR;
        return chars * MAX_BYTES_PER_CHAR + summaryBytes + METADATA_BOUND;
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
     * Cuts {@code excess} bytes of JSON from the body contents, the larger one first. Sizes
     * are measured as the writer encodes them, so a body of multi-byte or escaped characters
     * is cut by what it weighs, not by its length in chars.
     */
    private AuditEvent cutBodies(AuditEvent event, long excess) {
        Body requestBody = event.request().body();
        Body responseBody = event.response().body();
        long requestBytes = contentBytes(requestBody);
        long responseBytes = contentBytes(responseBody);
        if (requestBytes + responseBytes == 0) {
            return event;
        }
        // Bring the larger content down towards the smaller one, then cut both evenly.
        long larger = Math.max(requestBytes, responseBytes);
        long smaller = Math.min(requestBytes, responseBytes);
        long fromLarger = Math.min(excess, larger - smaller);
        long rest = excess - fromLarger;
        fromLarger = Math.min(larger, fromLarger + (rest + 1) / 2);
        long fromSmaller = Math.min(smaller, excess - fromLarger);
        long fromResponse = responseBytes >= requestBytes ? fromLarger : fromSmaller;
        long fromRequest = responseBytes >= requestBytes ? fromSmaller : fromLarger;
        AuditEvent result = event;
        if (fromResponse > 0) {
            result = result.withResponse(result.response().withBody(cut(responseBody, responseBytes - fromResponse)));
        }
        if (fromRequest > 0) {
            result = result.withRequest(result.request().withBody(cut(requestBody, requestBytes - fromRequest)));
        }
        return result;
    }

    /** The body with the longest prefix of its content whose JSON is at most {@code keepBytes}. */
    private Body cut(Body body, long keepBytes) {
        char[] content = EcsFieldMapping.safe(body.content()).toCharArray();
        int fits = 0;
        int tooLong = content.length + 1;
        while (tooLong - fits > 1) {
            int mid = (int) (((long) fits + tooLong) / 2);
            if (encodedBytes(content, mid) <= keepBytes) {
                fits = mid;
            } else {
                tooLong = mid;
            }
        }
        String cut = BodyText.cutAtCharBoundary(body.content(), fits);
        return body.withContent(cut.isEmpty() ? null : cut, true);
    }

    /** The JSON bytes of the first {@code length} chars, one fewer where that splits a pair. */
    private long encodedBytes(char[] text, int length) {
        int end = length;
        if (end > 0 && end < text.length && Character.isHighSurrogate(text[end - 1])
                && Character.isLowSurrogate(text[end])) {
            end--;
        }
        return writer.sizeOfString(text, end);
    }

    private long contentBytes(Body body) {
        if (body == null || body.content() == null || body.content().isEmpty()) {
            return 0;
        }
        char[] content = EcsFieldMapping.safe(body.content()).toCharArray();
        return writer.sizeOfString(content, content.length);
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
