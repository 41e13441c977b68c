package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import java.util.List;

/**
 * Writes every event to several sinks in order. A sink that fails does not keep the event
 * from the others; the first failure is rethrown after all were tried, so it is counted.
 */
public final class CompositeAuditSink implements AuditSink {

    private final List<AuditSink> sinks;

    private CompositeAuditSink(List<AuditSink> sinks) {
        this.sinks = List.copyOf(sinks);
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
        each(sink -> sink.write(event));
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
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
