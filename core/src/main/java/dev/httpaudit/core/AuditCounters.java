package dev.httpaudit.core;

/**
 * Delivery counters of one pipeline, read-only: events written, dropped, and lost to a
 * failure. Read by metrics (the Spring starter publishes them as Micrometer meters). The
 * pipeline and the sinks that finish delivery on their own thread record into them; a user
 * only reads. Thread-safe.
 */
public interface AuditCounters {

    /** Events handed to the sink without an exception. */
    long written();

    /** Events given up on by design (a full queue, a closed sink). */
    long dropped();

    /** Events lost to a failure (the sink threw, or building the event failed). */
    long failed();
}
