package dev.httpaudit.spring.live;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.pipeline.AuditPipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the endpoint and the page answer, written once for both: the events a query selects,
 * newest first, as their ECS documents ({@link EcsFieldMapping}, the same fields as the log),
 * or as table rows for the page; the buffer's usage and the pipeline's delivery counters and
 * queue depth alongside; the NDJSON and CSV exports.
 */
final class LiveView {

    /** The table's columns: ECS names, as the rows and the CSV export carry them. */
    static final List<String> COLUMNS = List.of("@timestamp", "event.id", "http.request.method", "url.path",
            "http.route", "http.response.status_code", "event.duration", "event.outcome", "user.name",
            "http.request.id");

    private final LiveBuffer buffer;
    private final AuditPipeline pipeline;

    LiveView(LiveBuffer buffer, AuditPipeline pipeline) {
        this.buffer = buffer;
        this.pipeline = pipeline;
    }

    /** Every kept event the query matches, newest first (no limit). */
    List<AuditEvent> matching(LiveQuery query) {
        List<AuditEvent> matching = new ArrayList<>();
        for (AuditEvent event : buffer.newestFirst()) {
            if (query.matches(event)) {
                matching.add(event);
            }
        }
        return matching;
    }

    /** The endpoint's answer: the matching events as ECS documents, up to the limit, and the state alongside. */
    Map<String, Object> events(LiveQuery query) {
        List<AuditEvent> matching = matching(query);
        Map<String, Object> body = state(matching.size());
        body.put("events", matching.stream().limit(query.limit()).map(EcsFieldMapping::document).toList());
        return body;
    }

    /** The page's answer: the matching events as table rows, up to the limit, their statistics, the state. */
    Map<String, Object> rows(LiveQuery query) {
        List<AuditEvent> matching = matching(query);
        Map<String, Object> body = state(matching.size());
        body.put("stats", LiveStats.of(matching));
        body.put("events", matching.stream().limit(query.limit()).map(LiveView::row).toList());
        return body;
    }

    /** One kept event's ECS document. */
    Optional<Map<String, Object>> document(String eventId) {
        return buffer.find(eventId).map(EcsFieldMapping::document);
    }

    /** The matching events, up to the limit, as the log writes them: one JSON line each. */
    void ndjson(LiveQuery query, OutputStream out) throws IOException {
        for (AuditEvent event : limited(query)) {
            out.write(EventJsonWriter.instance().toJsonBytes(event));
            out.write('\n');
        }
    }

    /** The matching events, up to the limit, as CSV rows of {@link #COLUMNS}, with a header row. */
    void csv(LiveQuery query, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        for (AuditEvent event : limited(query)) {
            Map<String, Object> row = row(event);
            List<String> cells = new ArrayList<>(COLUMNS.size());
            for (String column : COLUMNS) {
                Object value = row.get(column);
                cells.add(value == null ? "" : csvCell(value.toString()));
            }
            out.write(String.join(",", cells));
            out.write("\r\n");
        }
    }

    private List<AuditEvent> limited(LiveQuery query) {
        List<AuditEvent> matching = matching(query);
        return matching.subList(0, Math.min(matching.size(), query.limit()));
    }

    /**
     * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a value a
     * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR)
     * gets a leading {@code '}, so opening the export never runs what a client sent.
     */
    static String csvCell(String value) {
        String cell = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+");
    }

    /** One table row: the event's {@link #COLUMNS}, each present only when the event has it. */
    static Map<String, Object> row(AuditEvent event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("@timestamp", EcsFieldMapping.timestamp(event.start()));
        row.put("event.id", event.id());
        row.put("http.request.method", event.request().method());
        row.put("url.path", event.url().path());
        putIfPresent(row, "http.route", event.route());
        row.put("http.response.status_code", event.response().statusCode());
        row.put("event.duration", event.durationNanos());
        row.put("event.outcome", event.outcome().ecsValue());
        putIfPresent(row, "user.name", event.user() == null ? null : event.user().name());
        row.put("http.request.id", event.request().id());
        return row;
    }

    private static void putIfPresent(Map<String, Object> row, String name, @org.jspecify.annotations.Nullable String value) {
        if (value != null) {
            row.put(name, value);
        }
    }

    /** The buffer's usage, the pipeline's counters and queue depth, and how many events matched. */
    private Map<String, Object> state(int matched) {
        Map<String, Object> state = new LinkedHashMap<>();
        LiveBuffer.Usage usage = buffer.usage();
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("events", usage.events());
        kept.put("bytes", usage.bytes());
        kept.put("maxEvents", usage.maxEvents());
        kept.put("maxBytes", usage.maxBytes());
        kept.put("evicted", usage.evicted());
        state.put("buffer", kept);
        AuditCounters counters = pipeline.counters();
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("written", counters.written());
        delivery.put("dropped", counters.dropped());
        delivery.put("failed", counters.failed());
        state.put("counters", delivery);
        OptionalInt queued = pipeline.sink().queuedEvents();
        if (queued.isPresent()) {
            state.put("queued", queued.getAsInt());
        }
        state.put("matched", matched);
        return state;
    }
}
