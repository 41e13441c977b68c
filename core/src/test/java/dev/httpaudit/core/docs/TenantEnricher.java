package dev.httpaudit.core.docs;

// tag::enricher[]
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditEventEnricher;
import java.util.List;

/** Copies the tenant of a multi-tenant API from its request header into the label {@code tenant}. */
public final class TenantEnricher implements AuditEventEnricher {

    @Override
    public AuditEvent enrich(AuditEvent event) {
        // Header names are lower-case in the event, whatever the client sent.
        List<String> tenant = event.request().headers().get("x-tenant-id");
        if (tenant == null || tenant.isEmpty()) {
            return event;
        }
        return event.withLabel("tenant", tenant.get(0));
    }
}
// end::enricher[]
