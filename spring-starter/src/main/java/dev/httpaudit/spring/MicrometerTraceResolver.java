package dev.httpaudit.spring;

import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.servlet.TraceResolver;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code trace.id} and {@code span.id} from Micrometer Tracing's current span, read when the
 * exchange enters the audit filter (after Spring's observation filter opened the server span).
 * With no tracer or no current span, the inbound {@code traceparent} header is used.
 */
final class MicrometerTraceResolver implements TraceResolver {

    private static final TraceResolver TRACEPARENT = TraceResolver.traceparent();

    private final ObjectProvider<Tracer> tracerProvider;
    /** Looked up on first use: the tracer bean may be defined after this one, or not at all. */
    private volatile @Nullable Tracer tracer;

    MicrometerTraceResolver(ObjectProvider<Tracer> tracerProvider) {
        this.tracerProvider = tracerProvider;
    }

    @Override
    public @Nullable TraceInfo resolve(HttpServletRequest request) {
        Tracer current = tracer;
        if (current == null) {
            current = tracerProvider.getIfAvailable(() -> Tracer.NOOP);
            tracer = current;
        }
        Span span = current.currentSpan();
        if (span == null || span.context() == null || isBlank(span.context().traceId())) {
            return TRACEPARENT.resolve(request);
        }
        String spanId = span.context().spanId();
        return new TraceInfo(span.context().traceId(), isBlank(spanId) ? null : spanId);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
