package dev.httpaudit.core.internal;

/**
 * Marks a sink that is already a bounded queue drained by a writer thread of its own
 * ({@code AsyncAuditSink}, the JDBC sink). Whoever composes sinks behind a shared queue (the
 * Spring starter's {@code http-audit.async}) puts such a sink beside that queue rather than
 * behind it: a second queue in front of it would add a second bound and a second place to drop
 * events, and would let one sink's outage stall the others.
 */
public interface OwnQueue {
}
