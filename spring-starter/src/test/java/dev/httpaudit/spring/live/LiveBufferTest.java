package dev.httpaudit.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.json.EventJsonWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveBufferTest {

    private static final List<String> OWN = List.of("/http-audit", "/actuator/httpaudit");

    @Test
    void keepsTheNewestEventsUpToTheCountNewestFirst() {
        LiveBuffer buffer = LiveBuffer.of(3, Long.MAX_VALUE, OWN);
        List<AuditEvent> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AuditEvent event = LiveEvents.get("/api/" + i, 200);
            written.add(event);
            buffer.write(event);
        }
        assertThat(buffer.newestFirst()).containsExactly(written.get(9), written.get(8), written.get(7));
        assertThat(buffer.usage().events()).isEqualTo(3);
        assertThat(buffer.usage().evicted()).isEqualTo(7);
        assertThat(buffer.find(written.get(0).id())).isEmpty();
        assertThat(buffer.find(written.get(8).id())).contains(written.get(8));
    }

    @Test
    void keepsTheTotalJsonBytesWithinTheBudgetEvictingTheOldest() {
        AuditEvent sample = LiveEvents.event("POST", "/api/a", 201, 1, "", "x".repeat(1000));
        long size = EventJsonWriter.instance().sizeOf(sample);
        LiveBuffer buffer = LiveBuffer.of(1000, size * 5 + size / 2, OWN);
        List<AuditEvent> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            AuditEvent event = LiveEvents.event("POST", "/api/a", 201, 1, "", "x".repeat(1000));
            written.add(event);
            buffer.write(event);
        }
        LiveBuffer.Usage usage = buffer.usage();
        List<AuditEvent> newest = new ArrayList<>(written.subList(45, 50));
        java.util.Collections.reverse(newest);
        assertThat(buffer.newestFirst()).isEqualTo(newest);
        assertThat(usage.bytes()).isLessThanOrEqualTo(usage.maxBytes())
                .isEqualTo(newest.stream().mapToLong(EventJsonWriter.instance()::sizeOf).sum());
    }

    @Test
    void anEventLargerThanTheWholeBudgetIsNotKeptAndTheOthersStay() {
        LiveBuffer buffer = LiveBuffer.of(10, 2_000, OWN);
        AuditEvent small = LiveEvents.get("/api/small", 200);
        buffer.write(small);
        buffer.write(LiveEvents.event("POST", "/api/big", 201, 1, "", "y".repeat(5_000)));
        assertThat(buffer.newestFirst()).containsExactly(small);
        assertThat(buffer.usage().evicted()).isEqualTo(1);
    }

    @Test
    void leavesOutTheViewsOwnRequestsOnly() {
        LiveBuffer buffer = LiveBuffer.of(10, Long.MAX_VALUE, OWN);
        buffer.write(LiveEvents.get("/http-audit", 302));
        buffer.write(LiveEvents.get("/http-audit/api/events", 200));
        buffer.write(LiveEvents.get("/actuator/httpaudit/abc", 200));
        AuditEvent lookalike = LiveEvents.get("/http-auditor/report", 200);
        buffer.write(lookalike);
        assertThat(buffer.newestFirst()).containsExactly(lookalike);
    }
}
