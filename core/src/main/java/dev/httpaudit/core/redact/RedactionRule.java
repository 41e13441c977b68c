package dev.httpaudit.core.redact;

import dev.httpaudit.core.AuditEvent;

/**
 * A custom redaction step, run after the built-in redaction and before any sink sees the
 * event. Values it masks should be reported to {@code masked}, so that every other string
 * field of the event (headers, path, query, bodies, error message, labels, ...) is scrubbed
 * of them too.
 */
@FunctionalInterface
public interface RedactionRule {

    /**
     * Returns the event with this rule's values masked.
     *
     * @param event  the event, already redacted by the built-in rules
     * @param masked collects the original values this rule masked
     */
    AuditEvent apply(AuditEvent event, MaskedValues masked);
}
