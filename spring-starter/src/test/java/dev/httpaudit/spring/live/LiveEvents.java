package dev.httpaudit.spring.live;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events as the filter would build them, for the live view's tests that need no server. */
final class LiveEvents {

    private LiveEvents() {
    }

    static AuditEvent event(String method, String path, int status, long durationMillis, String user, String body) {
        Instant start = Instant.parse("2026-12-01T14:00:00Z");
        AuditEvent.Builder event = AuditEvent.builder()
                .timing(start, start.plusMillis(durationMillis), durationMillis * 1_000_000L)
                .request(new AuditRequest("c-" + path, method, body.isEmpty() ? null : "application/json", Map.of(),
                        body.isEmpty() ? null : Body.captured(body.length(), body, false)))
                .response(new AuditResponse(status, null, Map.of(), null))
                .url(new UrlInfo(path, null, "http", "localhost", 8080));
        if (!user.isEmpty()) {
            event.user(new UserInfo(user, List.of("USER")));
        }
        return event.build();
    }

    static AuditEvent get(String path, int status) {
        return event("GET", path, status, 1, "", "");
    }
}
