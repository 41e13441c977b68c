package dev.httpaudit.core.internal;

import dev.httpaudit.core.AuditCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * The writable side of {@link AuditCounters}: the pipeline records each write that returned,
 * and a sink that finishes delivery later (a queue, a batching or network sink) records what
 * it really delivered, dropped or lost. Internal: users read the counters, never write them.
 */
public final class DeliveryCounters implements AuditCounters {

    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Override
    public long written() {
        return written.sum();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
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
        return describe(this);
    }

    /** The counters as one log-friendly line, for reports. */
    public static String describe(AuditCounters counters) {
        return "AuditCounters[written=" + counters.written() + ", dropped=" + counters.dropped()
                + ", failed=" + counters.failed() + "]";
    }
}
