package dev.httpaudit.client;

import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.TraceInfo;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * What links a call to the request being served, read from the SLF4J MDC of the calling
 * thread when the call starts: the servlet filter keeps the inbound correlation ID there
 * during every dispatch, and Micrometer Tracing the current trace and span. No second
 * mechanism: a call made where no request is being served gets a new correlation ID, so the
 * services it reaches still share one.
 *
 * @param correlationId the inbound correlation ID, or a new one
 * @param trace         the current trace, or {@code null}
 * @param context       the calling thread's MDC, for enrichers (empty when none run)
 */
record Linking(String correlationId, @Nullable TraceInfo trace, ExchangeContext context) {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    static Linking current(OutgoingCallAuditor auditor) {
        String correlationId = mdc(auditor.correlationMdcKey());
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString().replace("-", "");
        }
        String traceId = mdc(auditor.traceIdMdcKey());
        String spanId = mdc(auditor.spanIdMdcKey());
        TraceInfo trace = traceId == null ? null : new TraceInfo(traceId, spanId);
        ExchangeContext context = ExchangeContext.empty();
        if (auditor.pipeline().hasEnrichers()) {
            Map<String, String> copy = copyOfMdc();
            context = ExchangeContext.of(Map.of(), copy);
        }
        return new Linking(correlationId, trace, context);
    }

    /**
     * A W3C {@code traceparent} for the current trace and span (version 00, sampled), or
     * {@code null} when there is none or its IDs are not the W3C form.
     */
    @Nullable String traceparent() {
        if (trace == null || trace.traceId() == null || trace.spanId() == null
                || !TRACE_ID.matcher(trace.traceId()).matches() || !SPAN_ID.matcher(trace.spanId()).matches()
                || trace.traceId().chars().allMatch(c -> c == '0')) {
            return null;
        }
        return "00-" + trace.traceId() + "-" + trace.spanId() + "-01";
    }

    private static @Nullable String mdc(@Nullable String key) {
        if (key == null) {
            return null;
        }
        try {
            String value = MDC.get(key);
            return value == null || value.isBlank() ? null : value;
        } catch (RuntimeException e) {
            return null; // an MDC that fails links nothing
        }
    }

    private static Map<String, String> copyOfMdc() {
        try {
            Map<String, String> copy = MDC.getCopyOfContextMap();
            return copy == null ? Map.of() : copy;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
