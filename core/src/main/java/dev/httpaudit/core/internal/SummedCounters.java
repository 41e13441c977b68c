package dev.httpaudit.core.internal;

import dev.httpaudit.core.AuditCounters;
import java.util.List;

/**
 * Several counters read as one: what a pipeline counted itself plus what the sinks that
 * count their own delivery counted, each read live.
 */
public final class SummedCounters implements AuditCounters {

    private final List<AuditCounters> parts;

    /** The sum of {@code parts}, read live. */
    public SummedCounters(List<? extends AuditCounters> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public long written() {
        long sum = 0;
        for (AuditCounters part : parts) {
            sum += part.written();
        }
        return sum;
    }

    @Override
    public long dropped() {
        long sum = 0;
        for (AuditCounters part : parts) {
            sum += part.dropped();
        }
        return sum;
    }

    @Override
    public long failed() {
        long sum = 0;
        for (AuditCounters part : parts) {
            sum += part.failed();
        }
        return sum;
    }

    @Override
    public String toString() {
        return DeliveryCounters.describe(this);
    }
}
