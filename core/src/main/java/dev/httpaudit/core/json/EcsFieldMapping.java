package dev.httpaudit.core.json;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.NetworkDirection;
import dev.httpaudit.core.UrlInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from an {@link AuditEvent} to its ECS field tree: nested
 * {@code Map<String, Object>} (insertion ordered) and {@code List} values whose leaves are
 * {@code String}, {@code Long}, {@code Integer} or {@code Boolean}. Absent data is left out,
 * never {@code null} or {@code ""}. Both the JSON writer and the SLF4J sink render this tree,
 * so the two outputs cannot drift apart.
 *
 * <p>Every string is made safe to encode: unpaired surrogates become U+FFFD, so no encoder
 * (ours or a log framework's) can fail on them.
 */
public final class EcsFieldMapping {

    /**
     * The ECS version every event conforms to, written as {@code ecs.version}. Every ECS field
     * the mapping emits has the same name, type and normalization in ECS 8.0.0 through 9.4.0
     * (and in 9.5.0-dev); 9.4.0 is the newest release, and the field list the tests check the
     * output against ({@code ecs/fields.csv} in core's test resources) is that release's.
     */
    public static final String ECS_VERSION = "9.4.0";

    /** Top-level name of the {@code ecs.version} object, which a log encoder may write itself. */
    public static final String ECS_OBJECT = "ecs";

    /** Top-level names a log encoder writes itself; the SLF4J sink never emits them. */
    public static final List<String> ENCODER_OWNED_NAMES = List.of("@timestamp", "message", "service", "process", "log");

    /** Immutable and the same for every event: shared rather than built per event. */
    private static final Map<String, Object> ECS_VERSION_OBJECT = Map.of("version", ECS_VERSION);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EcsFieldMapping() {
    }

    /**
     * The complete document of one event: {@code @timestamp} and {@code message} first, then
     * the event's fields ({@code ecs.version} first), including {@code service.name}.
     */
    public static Map<String, Object> document(AuditEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", timestamp(event.end()));
        doc.put("message", EventSummary.of(event));
        addEventFields(doc, event, true);
        return doc;
    }

    /**
     * The event's own fields, without the names a log encoder writes itself
     * ({@link #ENCODER_OWNED_NAMES}): what travels as SLF4J key-value pairs. They include
     * {@code ecs.version} (under {@link #ECS_OBJECT}), which a sink leaves out where the
     * encoder writes its own.
     */
    public static Map<String, Object> fields(AuditEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        addEventFields(doc, event, false);
        return doc;
    }

    /**
     * The event's one-line summary, its ECS {@code message}: method, path, status, outcome
     * and duration, control characters removed.
     */
    public static String message(AuditEvent event) {
        return EventSummary.of(event);
    }

    /** An instant as ECS writes dates: UTC, microseconds, {@code Z}. */
    public static String timestamp(Instant instant) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return TIMESTAMP.format(instant); // signed or 5+ digit years: the formatter's rules
        }
        // Same text as TIMESTAMP (fraction truncated to microseconds) without its BigDecimal
        // fraction arithmetic: this runs three times per event.
        byte[] b = new byte[27];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, t.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, t.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, t.getHour(), 2);
        b[13] = ':';
        digits(b, 14, t.getMinute(), 2);
        b[16] = ':';
        digits(b, 17, t.getSecond(), 2);
        b[19] = '.';
        digits(b, 20, instant.getNano() / 1000, 6);
        b[26] = 'Z';
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] b, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void addEventFields(Map<String, Object> doc, AuditEvent event, boolean withService) {
        doc.put(ECS_OBJECT, ECS_VERSION_OBJECT);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("kind", "event");
        ev.put("category", List.of("web"));
        ev.put("type", List.of("access"));
        ev.put("outcome", event.outcome().ecsValue());
        ev.put("start", timestamp(event.start()));
        ev.put("end", timestamp(event.end()));
        ev.put("duration", event.durationNanos());
        ev.put("sequence", event.sequence());
        putText(ev, "id", event.id());
        doc.put("event", ev);

        Map<String, Object> http = new LinkedHashMap<>();
        putText(http, "version", event.httpVersion());
        putObject(http, "request", request(event.request()));
        putObject(http, "response", response(event.response()));
        putText(http, "route", event.route());
        putObject(doc, "http", http);

        Map<String, Object> url = new LinkedHashMap<>();
        putText(url, "path", event.url().path());
        putText(url, "query", event.url().query());
        putText(url, "scheme", event.url().scheme());
        putText(url, "domain", event.url().domain());
        if (event.url().port() != null) {
            url.put("port", event.url().port());
        }
        if (event.direction() == NetworkDirection.EGRESS) {
            // A call made: the URL as the client requested it, from the (redacted) parts, and
            // the server it went to. A request served has neither: its server is this one.
            putText(url, "full", fullUrl(event.url()));
        }
        putObject(doc, "url", url);
        if (event.direction() == NetworkDirection.EGRESS) {
            Map<String, Object> server = new LinkedHashMap<>();
            putText(server, "address", event.url().domain());
            if (event.url().port() != null) {
                server.put("port", event.url().port());
            }
            putObject(doc, "server", server);
        }
        if (event.direction() != null) {
            doc.put("network", Map.of("direction", event.direction().ecsValue()));
        }

        if (event.user() != null) {
            Map<String, Object> user = new LinkedHashMap<>();
            putText(user, "name", event.user().name());
            putTexts(user, "roles", event.user().roles());
            putObject(doc, "user", user);
        }
        if (event.client() != null) {
            Map<String, Object> client = new LinkedHashMap<>();
            putText(client, "ip", event.client().ip());
            if (event.client().port() != null) {
                client.put("port", event.client().port());
            }
            putObject(doc, "client", client);
        }
        if (present(event.userAgent())) {
            doc.put("user_agent", Map.of("original", safe(event.userAgent())));
        }
        if (event.trace() != null) {
            if (present(event.trace().traceId())) {
                doc.put("trace", Map.of("id", safe(event.trace().traceId())));
            }
            if (present(event.trace().spanId())) {
                doc.put("span", Map.of("id", safe(event.trace().spanId())));
            }
        }
        if (withService && present(event.serviceName())) {
            doc.put("service", Map.of("name", safe(event.serviceName())));
        }
        if (event.error() != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            putText(error, "type", event.error().type());
            putText(error, "message", event.error().message());
            putObject(doc, "error", error);
        }
        if (!event.labels().isEmpty()) {
            Map<String, Object> labels = new LinkedHashMap<>();
            event.labels().forEach((k, v) -> {
                if (present(k)) {
                    putText(labels, safe(k), v);
                }
            });
            putObject(doc, "labels", labels);
        }
    }

    /**
     * {@code scheme://domain[:port]path[?query]}, or {@code null} without a scheme and domain.
     * Built from the event's parts, so a masked query value is masked here too.
     */
    private static String fullUrl(UrlInfo url) {
        if (!present(url.scheme()) || !present(url.domain())) {
            return null;
        }
        StringBuilder full = new StringBuilder(url.scheme()).append("://");
        String domain = url.domain();
        // an IPv6 literal is bracketed in a URL
        full.append(domain.indexOf(':') >= 0 && !domain.startsWith("[") ? "[" + domain + "]" : domain);
        if (url.port() != null) {
            full.append(':').append(url.port());
        }
        full.append(url.path());
        if (present(url.query())) {
            full.append('?').append(url.query());
        }
        return full.toString();
    }

    private static Map<String, Object> request(AuditRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        putText(map, "id", request.id());
        putText(map, "method", request.method());
        putText(map, "mime_type", request.mimeType());
        putObject(map, "headers", headers(request.headers()));
        putObject(map, "body", body(request.body()));
        return map;
    }

    private static Map<String, Object> response(AuditResponse response) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (response.statusCode() > 0) {
            map.put("status_code", response.statusCode());
        }
        putText(map, "mime_type", response.mimeType());
        putObject(map, "headers", headers(response.headers()));
        putObject(map, "body", body(response.body()));
        return map;
    }

    private static Map<String, Object> headers(Map<String, List<String>> headers) {
        Map<String, Object> map = new LinkedHashMap<>();
        headers.forEach((name, values) -> putTexts(map, safe(name), values));
        return map;
    }

    private static Map<String, Object> body(Body body) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (body == null) {
            return map;
        }
        if (body.bytes() != null) {
            map.put("bytes", body.bytes());
        }
        putText(map, "content", body.content());
        if (body.truncated()) {
            map.put("truncated", true);
        }
        if (body.reconstructed()) {
            map.put("reconstructed", true);
        }
        if (!body.read()) {
            map.put("read", false);
        }
        if (body.undecodable()) {
            map.put("undecodable", true);
        }
        return map;
    }

    private static void putObject(Map<String, Object> map, String name, Map<String, Object> value) {
        if (!value.isEmpty()) {
            map.put(name, value);
        }
    }

    private static void putText(Map<String, Object> map, String name, String value) {
        if (present(value)) {
            map.put(name, safe(value));
        }
    }

    private static void putTexts(Map<String, Object> map, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        List<String> list = new ArrayList<>(values.size());
        for (String value : values) {
            list.add(value == null ? "" : safe(value));
        }
        map.put(name, List.copyOf(list));
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** The string with every unpaired surrogate replaced by U+FFFD; the same instance if none. */
    static String safe(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return replaceUnpaired(value);
            }
        }
        return value;
    }

    private static String replaceUnpaired(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
