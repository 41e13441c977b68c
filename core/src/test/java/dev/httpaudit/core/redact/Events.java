package dev.httpaudit.core.redact;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.UrlInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small events for redaction tests. */
final class Events {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String TEXT = "text/plain";

    private Events() {
    }

    static AuditEvent.Builder base() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return AuditEvent.builder()
                .timing(now, now, 1_000)
                .request(new AuditRequest("req-1", "POST", null, Map.of(), null))
                .response(new AuditResponse(200, null, Map.of(), null))
                .url(new UrlInfo("/api", null, "http", "localhost", 8080));
    }

    static AuditEvent requestBody(String mimeType, String content) {
        return requestBody(mimeType, Body.captured(content.length(), content, false));
    }

    static AuditEvent requestBody(String mimeType, Body body) {
        return base().request(new AuditRequest("req-1", "POST", mimeType, Map.of(), body)).build();
    }

    static AuditEvent responseBody(String mimeType, String content) {
        return base().response(new AuditResponse(200, mimeType, Map.of(),
                Body.captured(content.length(), content, false))).build();
    }

    static AuditEvent requestHeaders(Map<String, List<String>> headers) {
        return base().request(new AuditRequest("req-1", "GET", null, headers, null)).build();
    }

    static AuditEvent responseHeaders(Map<String, List<String>> headers) {
        return base().response(new AuditResponse(302, null, headers, null)).build();
    }

    static AuditEvent query(String query) {
        return base().url(new UrlInfo("/api", query, "http", "localhost", 8080)).build();
    }

    static AuditEvent error(String message) {
        return base().error(new ErrorInfo("java.lang.IllegalStateException", message)).build();
    }

    static String requestContent(AuditEvent event) {
        return event.request().body().content();
    }

    static String responseContent(AuditEvent event) {
        return event.response().body().content();
    }
}
