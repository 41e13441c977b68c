package dev.httpaudit.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The OpenTelemetry context of an event's record, built from its {@code trace.id} and {@code span.id}. */
final class TraceContexts {

    private TraceContexts() {
    }

    /**
     * A context holding the event's span, or the root context when the event has no valid
     * trace and span IDs (an inbound {@code traceparent} without a tracer gives a trace ID
     * only, and OpenTelemetry needs both). Never the calling thread's current context: the sink
     * may run on the async queue's writer thread, whose current span (if any) is not the
     * exchange's. The flags are the default ones (not sampled): the event does not carry the
     * sampling decision.
     */
    static Context of(Map<String, Object> document) {
        String traceId = id(document.get("trace"));
        String spanId = id(document.get("span"));
        if (traceId == null || spanId == null) {
            return Context.root();
        }
        // create() checks the IDs (lower-case hex, not all zeros) and is invalid otherwise.
        SpanContext spanContext = SpanContext.create(traceId, spanId, TraceFlags.getDefault(),
                TraceState.getDefault());
        return spanContext.isValid() ? Context.root().with(Span.wrap(spanContext)) : Context.root();
    }

    private static @Nullable String id(Object object) {
        return object instanceof Map<?, ?> map && map.get("id") instanceof String id ? id : null;
    }
}
