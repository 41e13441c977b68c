package dev.httpaudit.core;

/**
 * Where audit events go. Implementations must be safe for concurrent use.
 *
 * <p>{@link #write(AuditEvent)} may throw; the caller ({@link AuditPipeline}) counts the
 * failure and never lets it reach the application. Batching sinks write out in
 * {@link #flush()} and drain in {@link #close()}.
 */
public interface AuditSink extends AutoCloseable {

    /** Writes one event (already enriched, redacted and fitted to the size limit). */
    void write(AuditEvent event);

    /** Writes out anything buffered. The default does nothing. */
    default void flush() {
    }

    /** Flushes and releases resources. The default flushes. */
    @Override
    default void close() {
        flush();
    }
}
