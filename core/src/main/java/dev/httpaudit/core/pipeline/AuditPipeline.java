package dev.httpaudit.core.pipeline;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditEventEnricher;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.internal.DeliveryCounters;
import dev.httpaudit.core.internal.FailureReporter;
import dev.httpaudit.core.internal.SummedCounters;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an event once an exchange is complete: enrich, then redact, then fit to
 * the size limit, then write to the sink. {@link #emit(AuditEvent)} never throws: a failure
 * anywhere is counted and reported at a bounded rate, and the application never sees it.
 */
public final class AuditPipeline implements AutoCloseable {

    /** Default limit of one serialized event: 256 KiB, the line limit of common log pipelines. */
    public static final long DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AuditPipeline.class);

    private final List<AuditEventEnricher> enrichers;
    private final Redactor redactor;
    private final UnaryOperator<AuditEvent> limiter;
    private final AuditSink sink;
    /** What this pipeline counts itself: failures before the write, and writes of a sink that does not count. */
    private final DeliveryCounters own = new DeliveryCounters();
    private final AuditCounters counters;
    private final boolean sinkCountsDelivery;
    private final FailureReporter reporter = FailureReporter.to(LOG);

    private AuditPipeline(Builder builder) {
        this.enrichers = List.copyOf(builder.enrichers);
        this.redactor = builder.redactor;
        this.limiter = EventJsonWriter.sizeLimit(builder.maxEventBytes);
        this.sink = builder.sink;
        // A sink that only hands the event on in write() (the async queue, alone or inside a
        // composite) knows what was really written, dropped or failed: its counts join ours.
        AuditCounters delivered = builder.sink.deliveryCounters().orElse(null);
        this.sinkCountsDelivery = delivered != null;
        this.counters = delivered == null ? own : new SummedCounters(List.of(own, delivered));
    }

    /** A builder for a pipeline writing to {@code sink}. */
    public static Builder builder(AuditSink sink) {
        return new Builder(sink);
    }

    /** Default redaction, default size limit, no enrichers. */
    public static AuditPipeline of(AuditSink sink) {
        return builder(sink).build();
    }

    /** Enriches, redacts, fits and writes one event; never throws. */
    public void emit(AuditEvent event) {
        emit(event, ExchangeContext.empty(), null);
    }

    /**
     * As {@link #emit(AuditEvent)}, and {@code beforeWrite} (when not {@code null}) is handed
     * the event exactly as the sink will get it (enriched, redacted, fitted), on the calling
     * thread, right before the sink's {@code write}: the servlet filter uses it to keep the
     * MDC that a log sink writes in line with the redacted {@code http.request.id}. Should it
     * throw, the event is not written and is counted as failed; never throws itself.
     */
    public void emit(AuditEvent event, @Nullable Consumer<? super AuditEvent> beforeWrite) {
        emit(event, ExchangeContext.empty(), beforeWrite);
    }

    /**
     * As {@link #emit(AuditEvent, Consumer)}, with what the integration captured of the
     * exchange while the request was live: every enricher gets {@code context}
     * ({@link AuditEventEnricher#enrich(AuditEvent, ExchangeContext)}). Never throws.
     */
    public void emit(AuditEvent event, ExchangeContext context, @Nullable Consumer<? super AuditEvent> beforeWrite) {
        AuditEvent prepared;
        try {
            prepared = event;
            for (AuditEventEnricher enricher : enrichers) {
                AuditEvent enriched = enricher.enrich(prepared, context);
                if (enriched != null) {
                    prepared = enriched;
                }
            }
            prepared = limiter.apply(redactor.redact(prepared));
            if (beforeWrite != null) {
                beforeWrite.accept(prepared);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // Never write an event that was not redacted.
            fail(e);
            return;
        }
        try {
            sink.write(prepared);
            if (!sinkCountsDelivery) {
                own.recordWritten();
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fail(e);
        }
    }

    /**
     * Counts an event that an integration could not even build (the servlet filter's own
     * failure) as lost, and reports it at the pipeline's bounded rate; never throws.
     */
    public void recordLost(Throwable cause) {
        fail(cause);
    }

    /**
     * Reports a failure of auditing that lost nothing (a resolver threw, so a default was
     * used) at the pipeline's bounded rate; never throws.
     */
    public void reportFailure(Throwable cause) {
        reporter.report("auditing an exchange failed; the exchange itself was not affected", cause, counters);
    }

    /**
     * True when enrichers run in this pipeline: an integration captures an
     * {@link ExchangeContext} only then, so that the default pipeline costs nothing for it.
     */
    public boolean hasEnrichers() {
        return !enrichers.isEmpty();
    }

    /** The delivery counters (read-only). */
    public AuditCounters counters() {
        return counters;
    }

    /** The sink events are written to. */
    public AuditSink sink() {
        return sink;
    }

    /** The redactor applied to every event. */
    public Redactor redactor() {
        return redactor;
    }

    /** Flushes the sink; failures are counted and reported, never thrown. */
    public void flush() {
        try {
            sink.flush();
        } catch (RuntimeException e) {
            report(e);
        }
    }

    /** Closes the sink; failures are reported, never thrown. */
    @Override
    public void close() {
        try {
            sink.close();
        } catch (Exception e) {
            report(e);
        }
    }

    private void fail(Throwable e) {
        own.recordFailed();
        report(e);
    }

    private void report(Throwable e) {
        reporter.report("could not deliver an audit event", e, counters);
    }

    /** Builds an {@link AuditPipeline}. */
    public static final class Builder {
        private final AuditSink sink;
        private final List<AuditEventEnricher> enrichers = new ArrayList<>();
        private Redactor redactor = Redactor.defaults();
        private long maxEventBytes = DEFAULT_MAX_EVENT_BYTES;

        private Builder(AuditSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        /** Adds an enricher; enrichers run in the order added, before redaction. */
        public Builder enricher(AuditEventEnricher enricher) {
            enrichers.add(Objects.requireNonNull(enricher, "enricher"));
            return this;
        }

        /** The redactor (default: {@link Redactor#defaults()}). */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** The limit of one serialized event in bytes (default 256 KiB). */
        public Builder maxEventBytes(long maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /** Builds the pipeline. */
        public AuditPipeline build() {
            return new AuditPipeline(this);
        }
    }
}
