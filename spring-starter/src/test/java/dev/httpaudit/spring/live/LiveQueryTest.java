package dev.httpaudit.spring.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.httpaudit.core.AuditEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveQueryTest {

    private static LiveQuery query(Map<String, String> parameters) {
        return LiveQuery.parse(parameters::get);
    }

    @Test
    void statusMatchesExactlyOrByClass() {
        AuditEvent notFound = LiveEvents.get("/a", 404);
        assertThat(query(Map.of("status", "404")).matches(notFound)).isTrue();
        assertThat(query(Map.of("status", "4XX")).matches(notFound)).isTrue();
        assertThat(query(Map.of("status", "403")).matches(notFound)).isFalse();
        assertThat(query(Map.of("status", "5xx")).matches(notFound)).isFalse();
    }

    @Test
    void pathPatternMethodUserAndDurationMustAllMatch() {
        AuditEvent event = LiveEvents.event("POST", "/api/orders/7/items", 201, 250, "alice", "");
        assertThat(query(Map.of("path", "/api/orders/**", "method", "post", "user", "alice", "minDurationMs", "250"))
                .matches(event)).isTrue();
        assertThat(query(Map.of("path", "/api/orders/*")).matches(event)).isFalse();
        assertThat(query(Map.of("user", "bob")).matches(event)).isFalse();
        assertThat(query(Map.of("minDurationMs", "251")).matches(event)).isFalse();
        assertThat(query(Map.of("correlationId", "c-/api/orders/7/items")).matches(event)).isTrue();
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        AuditEvent event = LiveEvents.get("/a", 200); // starts 2026-12-01T14:00:00Z
        assertThat(query(Map.of("from", "2026-12-01T14:00:00Z", "to", "2026-12-01T14:00:01Z")).matches(event)).isTrue();
        assertThat(query(Map.of("to", "2026-12-01T14:00:00Z")).matches(event)).isFalse();
        assertThat(query(Map.of("from", "2026-12-01T14:00:00.001Z")).matches(event)).isFalse();
    }

    @Test
    void blankParametersAreNoFilterAndTheLimitDefaults() {
        LiveQuery query = query(Map.of("status", " ", "path", ""));
        assertThat(query.matches(LiveEvents.get("/anything", 500))).isTrue();
        assertThat(query.limit()).isEqualTo(LiveQuery.DEFAULT_LIMIT);
    }

    @Test
    void unreadableValuesAreRejectedNamingTheParameter() {
        assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("status", "600"))).withMessageContaining("status");
        assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("limit", "0"))).withMessageContaining("limit");
        assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("limit", "ten"))).withMessageContaining("limit");
        assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("minDurationMs", "-1"))).withMessageContaining("minDurationMs");
        assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("from", "yesterday"))).withMessageContaining("from");
        assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("path", "/a/{"))).withMessageContaining("path");
    }

    @Test
    void csvCellsAreQuotedAndNeverRunAsFormulas() {
        assertThat(LiveView.csvCell("plain")).isEqualTo("plain");
        assertThat(LiveView.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(LiveView.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(LiveView.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(LiveView.csvCell("-12")).isEqualTo("-12");
    }
}
