package dev.httpaudit.core;

import org.jspecify.annotations.Nullable;

/**
 * Distributed-tracing identifiers ({@code trace.id}, {@code span.id}).
 *
 * @param traceId the trace ID (32 hex digits), or {@code null}
 * @param spanId  this server's own current span ID, or {@code null}
 */
public record TraceInfo(@Nullable String traceId, @Nullable String spanId) {
}
