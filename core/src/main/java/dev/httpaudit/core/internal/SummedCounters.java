package dev.httpaudit.core.internal;

import dev.httpaudit.core.AuditCounters;
import java.util.List;
import java.util.function.ToLongFunction;

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
        return sum(AuditCounters::written);
    }

    @Override
    public long dropped() {
        return sum(AuditCounters::dropped);
    }

    @Override
    public long failed() {
        return sum(AuditCounters::failed);
    }

    private long sum(ToLongFunction<AuditCounters> count) {
        long sum = 0;
        for (AuditCounters part : parts) {
            sum += count.applyAsLong(part);
        }
        return sum;
    }

    @Override
    public String toString() {
        return DeliveryCounters.describe(this);
    }
}
