package dev.httpaudit.opentelemetry;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Outcome;
import io.opentelemetry.api.logs.Severity;

/** The severity of an event's record, by its outcome. */
final class LogSeverity {

    private LogSeverity() {
    }

    /**
     * {@code INFO} for a success; for a failure, {@code ERROR} when the server failed (an
     * exception, or a 5xx status), else {@code WARN} (a 4xx answer, a client that went away).
     */
    static Severity of(AuditEvent event) {
        if (event.outcome() == Outcome.SUCCESS) {
            return Severity.INFO;
        }
        return event.error() != null || event.response().statusCode() >= 500 ? Severity.ERROR : Severity.WARN;
    }
}
