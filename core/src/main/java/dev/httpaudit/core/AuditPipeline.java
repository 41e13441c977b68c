package dev.httpaudit.core;

import dev.httpaudit.core.json.EventSizeLimiter;
import dev.httpaudit.core.internal.RateLimitedReporter;
import dev.httpaudit.core.redact.Redactor;
import dev.httpaudit.core.sink.AsyncAuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private static final long REPORT_INTERVAL_NANOS = 60_000_000_000L;

    private final List<AuditEventEnricher> enrichers;
    private final Redactor redactor;
    private final EventSizeLimiter limiter;
    private final AuditSink sink;
    private final AuditCounters counters;
    private final boolean sinkCountsDelivery;
    private final RateLimitedReporter reporter = new RateLimitedReporter(LOG, REPORT_INTERVAL_NANOS);

    private AuditPipeline(Builder builder) {
        this.enrichers = List.copyOf(builder.enrichers);
        this.redactor = builder.redactor;
        this.limiter = EventSizeLimiter.of(builder.maxEventBytes);
        this.sink = builder.sink;
        // An async sink only queues in write(); it knows what was really written, dropped or
        // failed, so its counters are the pipeline's.
        this.sinkCountsDelivery = builder.sink instanceof AsyncAuditSink;
        this.counters = sinkCountsDelivery ? ((AsyncAuditSink) builder.sink).counters() : builder.counters;
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
        emit(event, null);
    }

    /**
     * As {@link #emit(AuditEvent)}, and {@code beforeWrite} (when not {@code null}) is handed
     * the event exactly as the sink will get it (enriched, redacted, fitted), on the calling
     * thread, right before the sink's {@code write}: the servlet filter uses it to keep the
     * MDC that a log sink writes in line with the redacted {@code http.request.id}. Should it
     * throw, the event is not written and is counted as failed; never throws itself.
     */
    public void emit(AuditEvent event, java.util.function.Consumer<? super AuditEvent> beforeWrite) {
        AuditEvent prepared;
        try {
            prepared = event;
            for (AuditEventEnricher enricher : enrichers) {
                AuditEvent enriched = enricher.enrich(prepared);
                if (enriched != null) {
                    prepared = enriched;
                }
            }
            prepared = limiter.fit(redactor.redact(prepared));
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
                counters.recordWritten();
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fail(e);
        }
    }

    /** The delivery counters. */
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
        counters.recordFailed();
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
        private AuditCounters counters = new AuditCounters();

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

        /** Counters to record into (default: new ones; an {@link AsyncAuditSink} brings its own). */
        public Builder counters(AuditCounters counters) {
            this.counters = Objects.requireNonNull(counters, "counters");
            return this;
        }

        public AuditPipeline build() {
            return new AuditPipeline(this);
        }
    }
}
