package dev.httpaudit.core;

/**
 * Adds or changes fields of an event before it is redacted and written, for example a
 * tenant label or the service name. Runs before redaction, so nothing it adds escapes it.
 */
@FunctionalInterface
public interface AuditEventEnricher {

    /** Returns the event with this enricher's fields (the same instance when nothing changes). */
    AuditEvent enrich(AuditEvent event);
}
