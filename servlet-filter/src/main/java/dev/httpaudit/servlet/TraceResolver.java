package dev.httpaudit.servlet;

import dev.httpaudit.core.TraceInfo;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the tracing identifiers of an exchange ({@code trace.id}, {@code span.id}).
 * Called once, when the exchange enters the filter, on the request thread, so a resolver
 * can read the tracing library's current span (set by a filter that runs before this one).
 * When it returns {@code null}, the filter falls back to the inbound W3C
 * {@code traceparent} header (which fills {@code trace.id} only).
 */
@FunctionalInterface
public interface TraceResolver {

    /** The trace of {@code request}, or {@code null} to use the {@code traceparent} header. */
    @Nullable TraceInfo resolve(HttpServletRequest request);

    /** The default: only the W3C {@code traceparent} header. */
    static TraceResolver traceparent() {
        return request -> {
            String traceId = TraceParent.traceId(request.getHeader("traceparent"));
            return traceId == null ? null : new TraceInfo(traceId, null);
        };
    }
}
