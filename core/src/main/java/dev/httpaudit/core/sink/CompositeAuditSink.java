package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.DeliveryCounters;
import dev.httpaudit.core.internal.SummedCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes every event to several sinks in order. A sink that fails does not keep the event
 * from the others; the first failure is rethrown after all were tried, so it is counted.
 *
 * <p>When one of the sinks counts its own delivery (an {@link AsyncAuditSink}, say), so does
 * the composite: it then counts, per sink, each event that a sink which does not count
 * accepted, and reports those counts summed with the counting sinks' own.
 */
public final class CompositeAuditSink implements AuditSink {

    private final List<AuditSink> sinks;
    /** What the sinks that do not count their own delivery accepted; null when none counts. */
    private final DeliveryCounters accepted;
    private final boolean[] countsOwn;
    private final Optional<AuditCounters> deliveryCounters;

    private CompositeAuditSink(List<AuditSink> sinks) {
        this.sinks = List.copyOf(sinks);
        this.countsOwn = new boolean[this.sinks.size()];
        List<AuditCounters> counting = new ArrayList<>();
        for (int i = 0; i < this.sinks.size(); i++) {
            Optional<AuditCounters> own = this.sinks.get(i).deliveryCounters();
            countsOwn[i] = own.isPresent();
            own.ifPresent(counting::add);
        }
        if (counting.isEmpty()) {
            this.accepted = null;
            this.deliveryCounters = Optional.empty();
        } else {
            this.accepted = new DeliveryCounters();
            counting.add(0, accepted);
            this.deliveryCounters = Optional.of(new SummedCounters(counting));
        }
    }

    /** A sink writing to each of {@code sinks}. */
    public static CompositeAuditSink of(AuditSink... sinks) {
        return new CompositeAuditSink(List.of(sinks));
    }

    /** A sink writing to each of {@code sinks}. */
    public static CompositeAuditSink of(List<? extends AuditSink> sinks) {
        return new CompositeAuditSink(List.copyOf(sinks));
    }

    /** The sinks written to, in order. */
    public List<AuditSink> sinks() {
        return sinks;
    }

    @Override
    public void write(AuditEvent event) {
        if (accepted == null) {
            each(sink -> sink.write(event));
            return;
        }
        RuntimeException first = null;
        for (int i = 0; i < sinks.size(); i++) {
            try {
                sinks.get(i).write(event);
                if (!countsOwn[i]) {
                    accepted.recordWritten();
                }
            } catch (RuntimeException e) {
                first = collect(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Present when one of the sinks counts its own delivery: see the class comment. */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return deliveryCounters;
    }

    /** The summed depth of the sinks that queue, when any does. */
    @Override
    public OptionalInt queuedEvents() {
        boolean any = false;
        int depth = 0;
        for (AuditSink sink : sinks) {
            OptionalInt own = sink.queuedEvents();
            if (own.isPresent()) {
                any = true;
                depth += own.getAsInt();
            }
        }
        return any ? OptionalInt.of(depth) : OptionalInt.empty();
    }

    @Override
    public void flush() {
        each(AuditSink::flush);
    }

    @Override
    public void close() {
        each(AuditSink::close);
    }

    private void each(java.util.function.Consumer<AuditSink> action) {
        RuntimeException first = null;
        for (AuditSink sink : sinks) {
            try {
                action.accept(sink);
            } catch (RuntimeException e) {
                first = collect(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException collect(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
