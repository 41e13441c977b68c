package dev.httpaudit.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * Delivery counters of one pipeline: events written, dropped, and sink failures. Read by
 * metrics (the Spring starter publishes them as Micrometer meters). Thread-safe.
 */
public final class AuditCounters {

    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Events handed to the sink without an exception. */
    public long written() {
        return written.sum();
    }

    /** Events given up on by design (a full queue, a closed sink). */
    public long dropped() {
        return dropped.sum();
    }

    /** Events lost to a failure (the sink threw, or building the event failed). */
    public long failed() {
        return failed.sum();
    }

    /** Counts one written event. */
    public void recordWritten() {
        written.increment();
    }

    /** Counts one dropped event. */
    public void recordDropped() {
        dropped.increment();
    }

    /** Counts one failed event. */
    public void recordFailed() {
        failed.increment();
    }

    @Override
    public String toString() {
        return "AuditCounters[written=" + written() + ", dropped=" + dropped() + ", failed=" + failed() + "]";
    }
}
