package dev.httpaudit.spring;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the audit delivery counters as Micrometer meters: {@code http.audit.events.written},
 * {@code http.audit.events.dropped}, {@code http.audit.sink.failures} (counters) and, when
 * a sink queues (the async queue, alone or inside a composite), {@code http.audit.queue.depth}
 * (gauge).
 */
final class HttpAuditMetrics implements MeterBinder {

    private final AuditCounters counters;
    private final AuditSink sink;

    HttpAuditMetrics(AuditCounters counters, AuditSink sink) {
        this.counters = counters;
        this.sink = sink;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("http.audit.events.written", counters, AuditCounters::written)
                .description("Audit events handed to the sink").register(registry);
        FunctionCounter.builder("http.audit.events.dropped", counters, AuditCounters::dropped)
                .description("Audit events dropped (full queue, or offered after shutdown)").register(registry);
        FunctionCounter.builder("http.audit.sink.failures", counters, AuditCounters::failed)
                .description("Audit events lost to a failure of the sink or of building the event").register(registry);
        if (sink.queuedEvents().isPresent()) {
            Gauge.builder("http.audit.queue.depth", sink, queued -> queued.queuedEvents().orElse(0))
                    .description("Audit events waiting in the async queue").register(registry);
        }
    }
}
