package dev.httpaudit.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed events for tests, built with the canonical constructor (fixed sequence, id and
 * instants) so that their JSON is reproducible.
 */
public final class SampleEvents {

    public static final Instant START = Instant.parse("2026-11-26T10:15:30.111Z");
    public static final Instant END = Instant.parse("2026-11-26T10:15:30.123456Z");

    private SampleEvents() {
    }

    /** Every field set, as in DESIGN.md's example, plus labels and a truncated response body. */
    public static AuditEvent full() {
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("content-type", List.of("application/json"));
        requestHeaders.put("authorization", List.of("***"));
        requestHeaders.put("accept", List.of("application/json", "text/plain"));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("tenant", "acme");
        labels.put("region", "eu-west-1");
        return new AuditEvent(1042, "7f3a9c1e-1042", START, END, 12_456_000L, Outcome.FAILURE, "1.1",
                new AuditRequest("4bf92f3577b34da6a3ce929d0e0e4736", "POST", "application/json", requestHeaders,
                        Body.captured(58, "{\"item\":\"book\",\"password\":\"***\"}", false)),
                new AuditResponse(201, "application/json", Map.of("location", List.of("/api/orders/7")),
                        Body.captured(70_000, "{\"id\":7,\"status\":\"new\"", true)),
                "/api/orders",
                new UrlInfo("/api/orders", "page=2&token=***", "http", "localhost", 8080),
                new UserInfo("alice", List.of("ROLE_USER", "ROLE_ADMIN")),
                new ClientInfo("127.0.0.1", 53211),
                "curl/8.5.0",
                new TraceInfo("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"),
                "orders",
                new ErrorInfo("java.lang.IllegalStateException", "order service unavailable"),
                labels);
    }

    /**
     * The body flags {@link #full()} does not show: a form body rebuilt from the parameter map
     * (and cut), and a response body that was never read (no size known).
     */
    public static AuditEvent bodyFlags() {
        return new AuditEvent(7, "7f3a9c1e-7", START, END, 1_000_000L, Outcome.SUCCESS, "2",
                new AuditRequest("req-7", "POST", "application/x-www-form-urlencoded", Map.of(),
                        new Body(4096L, "user=alice&password=***", true, true, true)),
                new AuditResponse(303, null, Map.of("location", List.of("/done")), Body.notRead(null)),
                null, new UrlInfo("/login", null, "https", "example.org", null),
                null, null, null, null, null, null, null);
    }

    /** A request whose body was never read (only its declared length is known). */
    public static AuditEvent unreadRequestBody() {
        return new AuditEvent(8, "7f3a9c1e-8", START, END, 500_000L, Outcome.FAILURE, "1.1",
                new AuditRequest(null, "PUT", "application/octet-stream", Map.of(), Body.notRead(1_048_576L)),
                new AuditResponse(413, null, Map.of(), Body.sizeOnly(0)),
                null, new UrlInfo("/upload", null, "http", "localhost", 8080),
                null, null, null, null, null, null, null);
    }

    /**
     * As little as an event can hold (a {@code GET /} whose client went away before a status
     * was sent); its empty strings and empty parts must all be left out.
     */
    public static AuditEvent minimal() {
        return new AuditEvent(1, "7f3a9c1e-1", START, END, 0L, Outcome.FAILURE, "",
                new AuditRequest(null, "GET", "", null, null),
                new AuditResponse(0, null, Map.of("x-empty", List.of()), new Body(null, "", false, false, true)),
                "", new UrlInfo("/", "", null, null, null),
                new UserInfo("", List.of()), new ClientInfo(null, null), "", new TraceInfo("", null), "",
                new ErrorInfo(null, ""), Map.of("empty", ""));
    }

    /** Both bodies with every flag set at once, whatever the servlet filter makes today. */
    public static AuditEvent everyBodyFlag() {
        Body body = new Body(3L, "a=b", true, true, false, true);
        return new AuditEvent(9, "7f3a9c1e-9", START, END, 1L, Outcome.SUCCESS, null,
                new AuditRequest(null, "POST", null, Map.of(), body),
                new AuditResponse(200, null, Map.of(), body),
                null, new UrlInfo("/", null, null, null, null),
                null, null, null, null, null, null, null);
    }

    /** A call this service made (egress): {@code url.full}, {@code server.*}, {@code network.direction}. */
    public static AuditEvent egressCall() {
        return new AuditEvent(10, "7f3a9c1e-10", START, END, 2_000_000L, Outcome.SUCCESS, "1.1",
                new AuditRequest("4bf92f3577b34da6a3ce929d0e0e4736", "POST", "application/json", Map.of(),
                        Body.captured(20, "{\"card\":\"***\"}", false)),
                new AuditResponse(200, "application/json", Map.of(), Body.captured(11, "{\"ok\":true}", false)),
                null, new UrlInfo("/v1/charges", "key=***", "https", "payments.example.com", 8443),
                null, null, null, null, null, null, null, NetworkDirection.EGRESS);
    }

    /** Every sample event, for tests that must see every field the writer can emit. */
    public static List<AuditEvent> all() {
        return List.of(full(), bodyFlags(), unreadRequestBody(), everyBodyFlag(), minimal(), egressCall());
    }
}
