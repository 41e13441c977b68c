package dev.httpaudit.client;

import dev.httpaudit.core.pipeline.AuditPipeline;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every client integration shares: the pipeline an outgoing call's event goes through
 * (the same one as inbound exchanges: enrich, redact, size limit, sinks, counters,
 * sequence), which calls are audited, how much of each body is kept, and how a call is
 * linked to the request being served. Immutable and thread-safe; one per application.
 *
 * <p>Linking reads the SLF4J MDC of the thread that makes the call, where the servlet
 * filter keeps the inbound exchange's correlation ID (under {@code request_id} by default)
 * and Micrometer Tracing keeps the current trace ({@code traceId}, {@code spanId}). The
 * event carries that correlation ID as {@code http.request.id} (a new one when the call is
 * made outside any request) and that trace; the call carries the correlation ID downstream
 * in {@link Builder#correlationHeader(String)} and, when a trace is current, a W3C
 * {@code traceparent}, unless the request already has them.
 */
public final class OutgoingCallAuditor {

    /** The default capture limit per body: 64 KiB, as for inbound exchanges. */
    public static final int DEFAULT_BODY_MAX_BYTES = 64 * 1024;

    /** The default header that carries the correlation ID downstream. */
    public static final String DEFAULT_CORRELATION_HEADER = "X-Request-ID";

    /** The default MDC key of the correlation ID: the servlet filter's default. */
    public static final String DEFAULT_CORRELATION_MDC_KEY = "request_id";

    /** Micrometer Tracing's MDC key of the current trace ID. */
    public static final String DEFAULT_TRACE_ID_MDC_KEY = "traceId";

    /** Micrometer Tracing's MDC key of the current span ID. */
    public static final String DEFAULT_SPAN_ID_MDC_KEY = "spanId";

    private final AuditPipeline pipeline;
    private final int bodyMaxBytes;
    private final CallFilter filter;
    private final @Nullable String correlationHeader;
    private final @Nullable String correlationMdcKey;
    private final @Nullable String traceIdMdcKey;
    private final @Nullable String spanIdMdcKey;
    private final boolean propagateTraceparent;
    private final @Nullable String serviceName;

    private OutgoingCallAuditor(Builder builder) {
        this.pipeline = builder.pipeline;
        this.bodyMaxBytes = builder.bodyMaxBytes;
        this.filter = new CallFilter(builder.includeHosts, builder.excludeHosts, builder.includePaths,
                builder.excludePaths);
        this.correlationHeader = builder.correlationHeader;
        this.correlationMdcKey = builder.correlationMdcKey;
        this.traceIdMdcKey = builder.traceIdMdcKey;
        this.spanIdMdcKey = builder.spanIdMdcKey;
        this.propagateTraceparent = builder.propagateTraceparent;
        this.serviceName = builder.serviceName;
    }

    /** An auditor with every default, writing to {@code pipeline}. */
    public static OutgoingCallAuditor of(AuditPipeline pipeline) {
        return builder(pipeline).build();
    }

    /** A builder for an auditor writing to {@code pipeline}. */
    public static Builder builder(AuditPipeline pipeline) {
        return new Builder(pipeline);
    }

    /** The pipeline events go through. */
    public AuditPipeline pipeline() {
        return pipeline;
    }

    /** True when a call to {@code uri} is audited (its host and path against the patterns). */
    public boolean audits(URI uri) {
        return filter.audits(uri);
    }

    int bodyMaxBytes() {
        return bodyMaxBytes;
    }

    @Nullable String correlationHeader() {
        return correlationHeader;
    }

    @Nullable String correlationMdcKey() {
        return correlationMdcKey;
    }

    @Nullable String traceIdMdcKey() {
        return traceIdMdcKey;
    }

    @Nullable String spanIdMdcKey() {
        return spanIdMdcKey;
    }

    boolean propagateTraceparent() {
        return propagateTraceparent;
    }

    @Nullable String serviceName() {
        return serviceName;
    }

    /** Builds an {@link OutgoingCallAuditor}. */
    public static final class Builder {
        private final AuditPipeline pipeline;
        private int bodyMaxBytes = DEFAULT_BODY_MAX_BYTES;
        private List<String> includeHosts = List.of();
        private List<String> excludeHosts = List.of();
        private List<String> includePaths = List.of();
        private List<String> excludePaths = List.of();
        private @Nullable String correlationHeader = DEFAULT_CORRELATION_HEADER;
        private @Nullable String correlationMdcKey = DEFAULT_CORRELATION_MDC_KEY;
        private @Nullable String traceIdMdcKey = DEFAULT_TRACE_ID_MDC_KEY;
        private @Nullable String spanIdMdcKey = DEFAULT_SPAN_ID_MDC_KEY;
        private boolean propagateTraceparent = true;
        private @Nullable String serviceName;

        private Builder(AuditPipeline pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        }

        /** The capture limit per body in bytes (default 64 KiB); bodies stream on in full past it. */
        public Builder bodyMaxBytes(int bodyMaxBytes) {
            if (bodyMaxBytes < 0) {
                throw new IllegalArgumentException("bodyMaxBytes must not be negative, was " + bodyMaxBytes);
            }
            this.bodyMaxBytes = bodyMaxBytes;
            return this;
        }

        /**
         * Hosts audited, as globs ({@code *.example.com}, {@code api.?.example.org}; case
         * ignored); empty (the default) means every host.
         */
        public Builder includeHosts(List<String> patterns) {
            this.includeHosts = List.copyOf(patterns);
            return this;
        }

        /** Hosts never audited, as globs; wins over {@link #includeHosts}. */
        public Builder excludeHosts(List<String> patterns) {
            this.excludeHosts = List.copyOf(patterns);
            return this;
        }

        /**
         * Paths audited, as globs ({@code /api/**} any depth, {@code /api/*} one segment);
         * empty (the default) means every path.
         */
        public Builder includePaths(List<String> patterns) {
            this.includePaths = List.copyOf(patterns);
            return this;
        }

        /** Paths never audited, as globs; wins over {@link #includePaths}. */
        public Builder excludePaths(List<String> patterns) {
            this.excludePaths = List.copyOf(patterns);
            return this;
        }

        /** The header that carries the correlation ID downstream ({@code X-Request-ID}); {@code null} sends none. */
        public Builder correlationHeader(@Nullable String header) {
            this.correlationHeader = header == null || header.isBlank() ? null : header.trim();
            return this;
        }

        /** The MDC key the inbound correlation ID is read from ({@code request_id}); {@code null} reads none. */
        public Builder correlationMdcKey(@Nullable String key) {
            this.correlationMdcKey = key == null || key.isBlank() ? null : key;
            return this;
        }

        /** The MDC keys of the current trace and span IDs (Micrometer's {@code traceId}, {@code spanId}). */
        public Builder traceMdcKeys(@Nullable String traceIdKey, @Nullable String spanIdKey) {
            this.traceIdMdcKey = traceIdKey;
            this.spanIdMdcKey = spanIdKey;
            return this;
        }

        /** Whether a call gets a W3C {@code traceparent} when a trace is current and it has none (default true). */
        public Builder propagateTraceparent(boolean propagate) {
            this.propagateTraceparent = propagate;
            return this;
        }

        /** {@code service.name} of the events, or {@code null}. */
        public Builder serviceName(@Nullable String serviceName) {
            this.serviceName = serviceName == null || serviceName.isBlank() ? null : serviceName;
            return this;
        }

        /** Builds the auditor; an invalid pattern throws {@link IllegalArgumentException}. */
        public OutgoingCallAuditor build() {
            return new OutgoingCallAuditor(this);
        }
    }
}
