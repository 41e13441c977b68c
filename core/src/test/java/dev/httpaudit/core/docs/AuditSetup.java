package dev.httpaudit.core.docs;

// tag::pipeline[]
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.redact.RedactionPolicy;
import dev.httpaudit.core.redact.Redactor;
import dev.httpaudit.core.sink.AsyncAuditSink;
import java.net.URI;

/** The three extensions in one pipeline, without Spring. */
public final class AuditSetup {

    private AuditSetup() {
    }

    public static AuditPipeline pipeline(URI collector) {
        // A network sink belongs behind the queue: requests never wait for the collector.
        AsyncAuditSink sink = AsyncAuditSink.builder(new HttpCollectorSink(collector)).build();
        return AuditPipeline.builder(sink)
                .enricher(new TenantEnricher())
                .redactor(Redactor.of(RedactionPolicy.builder().rule(new IbanRule()).build()))
                .build();
    }
}
// end::pipeline[]
