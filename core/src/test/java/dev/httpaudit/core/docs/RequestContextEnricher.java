package dev.httpaudit.core.docs;

// tag::context-enricher[]
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditEventEnricher;
import dev.httpaudit.core.ExchangeContext;

/**
 * Labels the event with the tenant an earlier filter stored in the request attribute
 * {@code tenant}, and the region it put in the MDC: read from the exchange's context, so it
 * works on whichever thread the event is emitted.
 */
public final class RequestContextEnricher implements AuditEventEnricher {

    @Override
    public AuditEvent enrich(AuditEvent event, ExchangeContext context) {
        AuditEvent enriched = event;
        if (context.attribute("tenant") instanceof String tenant) {
            enriched = enriched.withLabel("tenant", tenant);
        }
        String region = context.mdc().get("region");
        return region == null ? enriched : enriched.withLabel("region", region);
    }

    @Override
    public AuditEvent enrich(AuditEvent event) {
        // An event emitted outside any exchange: there is no request to read.
        return event;
    }
}
// end::context-enricher[]
