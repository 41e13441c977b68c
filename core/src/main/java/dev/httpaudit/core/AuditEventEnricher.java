package dev.httpaudit.core;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Adds or changes fields of an event before it is redacted and written, for example a
 * tenant label or the service name. Runs before redaction, so nothing it adds escapes it.
 *
 * <p><b>Threading.</b> An enricher runs on whichever thread emits the event, which is not
 * always the thread that ran the request: with the servlet filter it is the request thread
 * for an ordinary exchange, a container thread for an async request completed from another
 * thread ({@code AsyncListener.onComplete}), and the filter's own deferred-end thread for an
 * exchange that ended with an exception or {@code sendError} and got the container's built-in
 * error page. So an enricher must not read the SLF4J MDC, a {@code ThreadLocal} or a
 * request-scoped bean of the thread it runs on; what it needs from the request it reads from
 * the {@link ExchangeContext} handed to {@link #enrich(AuditEvent, ExchangeContext)}, which the
 * integration captured while the request was live, on the request's own thread. Enrichers are
 * called concurrently for different events: they must be safe for concurrent use.
 */
@FunctionalInterface
public interface AuditEventEnricher {

    /** Returns the event with this enricher's fields (the same instance when nothing changes). */
    AuditEvent enrich(AuditEvent event);

    /**
     * Returns the event with this enricher's fields, given what was captured of its exchange
     * (the request's attributes and MDC; {@link ExchangeContext#empty()} for an event emitted
     * outside a request). The default ignores the context and calls {@link #enrich(AuditEvent)};
     * an enricher that needs the request overrides this one (or is made with
     * {@link #withContext}).
     */
    default AuditEvent enrich(AuditEvent event, ExchangeContext context) {
        return enrich(event);
    }

    /**
     * An enricher that reads the exchange's context: {@code enrichment} gets the event and the
     * context; called without one ({@link #enrich(AuditEvent)}), it gets
     * {@link ExchangeContext#empty()}.
     */
    static AuditEventEnricher withContext(BiFunction<AuditEvent, ExchangeContext, AuditEvent> enrichment) {
        Objects.requireNonNull(enrichment, "enrichment");
        return new AuditEventEnricher() {
            @Override
            public AuditEvent enrich(AuditEvent event) {
                return enrichment.apply(event, ExchangeContext.empty());
            }

            @Override
            public AuditEvent enrich(AuditEvent event, ExchangeContext context) {
                return enrichment.apply(event, context);
            }
        };
    }
}
