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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one mapping from an {@link AuditEvent} to its ECS fields, as a field tree: nested
 * {@code Map<String, Object>} (insertion ordered) and {@code List} values whose leaves are
 * {@code String}, {@code Long}, {@code Integer} or {@code Boolean}. Absent data is left out,
 * never {@code null} or {@code ""}. The same code writes the tree (for the SLF4J sink) and
 * streams the JSON writer's bytes, with no tree in between, so the two outputs cannot drift
 * apart.
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

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EcsFieldMapping() {
    }

    /**
     * The complete document of one event: {@code @timestamp} and {@code message} first, then
     * the event's fields ({@code ecs.version} first), including {@code service.name}.
     */
    public static Map<String, Object> document(AuditEvent event) {
        TreeFieldWriter tree = new TreeFieldWriter();
        writeDocument(event, tree);
        return tree.root();
    }

    /**
     * The event's own fields, without the names a log encoder writes itself
     * ({@link #ENCODER_OWNED_NAMES}): what travels as SLF4J key-value pairs. They include
     * {@code ecs.version} (under {@link #ECS_OBJECT}), which a sink leaves out where the
     * encoder writes its own.
     */
    public static Map<String, Object> fields(AuditEvent event) {
        TreeFieldWriter tree = new TreeFieldWriter();
        tree.startObject(null);
        writeEventFields(event, tree, false);
        tree.endObject();
        return tree.root();
    }

    /** Writes the {@link #document(AuditEvent) complete document}, as one object, to {@code out}. */
    static void writeDocument(AuditEvent event, FieldWriter out) {
        out.startObject(null);
        out.string("@timestamp", timestamp(event.end()));
        out.string("message", EventSummary.of(event));
        writeEventFields(event, out, true);
        out.endObject();
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

    private static void writeEventFields(AuditEvent event, FieldWriter out, boolean withService) {
        out.startObject(ECS_OBJECT);
        out.string("version", ECS_VERSION);
        out.endObject();
        out.startObject("event");
        out.string("kind", "event");
        oneString(out, "category", "web");
        oneString(out, "type", "access");
        out.string("outcome", event.outcome().ecsValue());
        out.string("start", timestamp(event.start()));
        out.string("end", timestamp(event.end()));
        out.longNumber("duration", event.durationNanos());
        out.longNumber("sequence", event.sequence());
        text(out, "id", event.id());
        out.endObject();

        out.startObject("http");
        text(out, "version", event.httpVersion());
        request(out, event.request());
        response(out, event.response());
        text(out, "route", event.route());
        out.endObject();

        out.startObject("url");
        text(out, "path", event.url().path());
        text(out, "query", event.url().query());
        text(out, "scheme", event.url().scheme());
        text(out, "domain", event.url().domain());
        if (event.url().port() != null) {
            out.intNumber("port", event.url().port());
        }
        if (event.direction() == NetworkDirection.EGRESS) {
            // A call made: the URL as the client requested it, from the (redacted) parts, and
            // the server it went to. A request served has neither: its server is this one.
            text(out, "full", fullUrl(event.url()));
        }
        out.endObject();
        if (event.direction() == NetworkDirection.EGRESS) {
            out.startObject("server");
            text(out, "address", event.url().domain());
            if (event.url().port() != null) {
                out.intNumber("port", event.url().port());
            }
            out.endObject();
        }
        if (event.direction() != null) {
            oneText(out, "network", "direction", event.direction().ecsValue());
        }

        if (event.user() != null) {
            out.startObject("user");
            text(out, "name", event.user().name());
            texts(out, "roles", event.user().roles());
            out.endObject();
        }
        if (event.client() != null) {
            out.startObject("client");
            text(out, "ip", event.client().ip());
            if (event.client().port() != null) {
                out.intNumber("port", event.client().port());
            }
            out.endObject();
        }
        oneText(out, "user_agent", "original", event.userAgent());
        if (event.trace() != null) {
            oneText(out, "trace", "id", event.trace().traceId());
            oneText(out, "span", "id", event.trace().spanId());
        }
        if (withService) {
            oneText(out, "service", "name", event.serviceName());
        }
        if (event.error() != null) {
            out.startObject("error");
            text(out, "type", event.error().type());
            text(out, "message", event.error().message());
            out.endObject();
        }
        if (!event.labels().isEmpty()) {
            out.startObject("labels");
            safeNames(event.labels(), EcsFieldMapping::present, EcsFieldMapping::present)
                    .forEach((name, value) -> out.string(name, safe(value)));
            out.endObject();
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

    private static void request(FieldWriter out, AuditRequest request) {
        out.startObject("request");
        text(out, "id", request.id());
        text(out, "method", request.method());
        text(out, "mime_type", request.mimeType());
        headers(out, request.headers());
        body(out, request.body());
        out.endObject();
    }

    private static void response(FieldWriter out, AuditResponse response) {
        out.startObject("response");
        if (response.statusCode() > 0) {
            out.intNumber("status_code", response.statusCode());
        }
        text(out, "mime_type", response.mimeType());
        headers(out, response.headers());
        body(out, response.body());
        out.endObject();
    }

    private static void headers(FieldWriter out, Map<String, List<String>> headers) {
        out.startObject("headers");
        safeNames(headers, name -> true, values -> values != null && !values.isEmpty())
                .forEach((name, values) -> texts(out, name, values));
        out.endObject();
    }

    private static void body(FieldWriter out, Body body) {
        if (body == null) {
            return;
        }
        out.startObject("body");
        if (body.bytes() != null) {
            out.longNumber("bytes", body.bytes());
        }
        text(out, "content", body.content());
        if (body.truncated()) {
            out.bool("truncated", true);
        }
        if (body.reconstructed()) {
            out.bool("reconstructed", true);
        }
        if (!body.read()) {
            out.bool("read", false);
        }
        if (body.undecodable()) {
            out.bool("undecodable", true);
        }
        out.endObject();
    }

    /**
     * The entries whose name and value are kept, under safe names. Where making
     * a name safe makes two names one, the later value wins at the earlier place, as in any map;
     * that copy is only made when some name was not already safe (never, in practice).
     */
    private static <V> Map<String, V> safeNames(Map<String, V> map, Predicate<String> nameKept, Predicate<V> kept) {
        boolean allSafe = true;
        for (Map.Entry<String, V> entry : map.entrySet()) {
            if (!nameKept.test(entry.getKey()) || !kept.test(entry.getValue())) {
                allSafe = false;
                break;
            }
            if (safe(entry.getKey()) != entry.getKey()) {
                allSafe = false;
                break;
            }
        }
        if (allSafe) {
            return map;
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (nameKept.test(name) && kept.test(value)) {
                copy.put(safe(name), value);
            }
        });
        return copy;
    }

    /** {@code {name: {field: value}}}, left out when the value is absent. */
    private static void oneText(FieldWriter out, String name, String field, String value) {
        if (present(value)) {
            out.startObject(name);
            out.string(field, safe(value));
            out.endObject();
        }
    }

    private static void oneString(FieldWriter out, String name, String value) {
        out.startArray(name);
        out.arrayString(value);
        out.endArray();
    }

    private static void text(FieldWriter out, String name, String value) {
        if (present(value)) {
            out.string(name, safe(value));
        }
    }

    private static void texts(FieldWriter out, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        out.startArray(name);
        for (String value : values) {
            out.arrayString(value == null ? "" : safe(value));
        }
        out.endArray();
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
