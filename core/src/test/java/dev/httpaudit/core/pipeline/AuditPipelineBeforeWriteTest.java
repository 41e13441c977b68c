package dev.httpaudit.core.pipeline;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.sink.InMemoryAuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPipelineBeforeWriteTest {

    private static AuditEvent withAuthorization() {
        AuditEvent base = SampleEvents.full();
        return base.withRequest(base.request().withHeaders(Map.of("authorization", List.of("Bearer tok-0123456789"))));
    }

    @Test
    void beforeWriteSeesTheEventAsTheSinkGetsIt() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        AuditPipeline pipeline = AuditPipeline.of(sink);
        List<AuditEvent> seen = new ArrayList<>();

        pipeline.emit(withAuthorization(), seen::add);

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).request().headers().get("authorization")).containsExactly("***");
        assertThat(sink.events()).containsExactly(seen.get(0));
    }

    @Test
    void aFailingBeforeWriteKeepsTheEventFromTheSinkAndCountsAFailure() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        AuditPipeline pipeline = AuditPipeline.of(sink);

        pipeline.emit(withAuthorization(), event -> {
            throw new IllegalStateException("mdc unavailable");
        });

        assertThat(sink.events()).isEmpty();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
        assertThat(pipeline.counters().written()).isZero();
    }
}
