package dev.httpaudit.spring;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditSink;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sink bean seen through the pipeline: writes and flushes pass through, {@link #close()}
 * only flushes, because Spring closes the bean itself (after the pipeline, which depends on it).
 */
final class SpringManagedSink implements AuditSink {

    private final AuditSink bean;

    SpringManagedSink(AuditSink bean) {
        this.bean = bean;
    }

    @Override
    public void write(AuditEvent event) {
        bean.write(event);
    }

    @Override
    public void flush() {
        bean.flush();
    }

    @Override
    public void close() {
        bean.flush();
    }

    /** The bean's own: a sink bean that counts its delivery (the Kafka sink) is counted by it. */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return bean.deliveryCounters();
    }

    @Override
    public OptionalInt queuedEvents() {
        return bean.queuedEvents();
    }
}
