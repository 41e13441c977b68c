package dev.httpaudit.core;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where audit events go. Implementations must be safe for concurrent use.
 *
 * <p>{@link #write(AuditEvent)} may throw; the caller (the pipeline) counts the failure and
 * never lets it reach the application. Batching sinks write out in {@link #flush()} and
 * drain in {@link #close()}.
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

    /**
     * The counters of what this sink really delivered, when it counts them itself: a sink
     * whose {@link #write} only hands the event on (a queue, a batching or network sink)
     * knows later whether it was written, dropped or lost. The pipeline then reports these
     * counters instead of counting each returned {@code write} as written. Empty (the
     * default) for a sink that has delivered when {@code write} returns.
     */
    default Optional<AuditCounters> deliveryCounters() {
        return Optional.empty();
    }

    /**
     * How many events this sink holds that it has not delivered yet (a queue's depth), when
     * it holds any by design; empty (the default) for a sink that delivers in {@code write}.
     */
    default OptionalInt queuedEvents() {
        return OptionalInt.empty();
    }
}
