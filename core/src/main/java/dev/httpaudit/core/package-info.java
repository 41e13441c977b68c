/**
 * The audit event and the contracts around it: API. {@link dev.httpaudit.core.AuditEvent} and its
 * parts (request, response, body, client, user, trace, error, outcome) are immutable records;
 * {@link dev.httpaudit.core.AuditSink} is where events go, {@link dev.httpaudit.core.AuditEventEnricher}
 * adds fields before redaction, {@link dev.httpaudit.core.AuditCounters} reads what was delivered.
 * This package depends on nothing else in http-audit.
 */
@NullMarked
package dev.httpaudit.core;

import org.jspecify.annotations.NullMarked;
