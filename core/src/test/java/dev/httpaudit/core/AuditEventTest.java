package dev.httpaudit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event model: derived outcome, immutability, header normalization. */
class AuditEventTest {

    private static AuditEvent.Builder builder(int status) {
        return AuditEvent.builder()
                .timing(SampleEvents.START, SampleEvents.END, 1)
                .request(new AuditRequest(null, "GET", null, Map.of(), null))
                .response(new AuditResponse(status, null, Map.of(), null))
                .url(new UrlInfo("/", null, "http", "localhost", 80));
    }

    @Test
    void outcomeIsDerivedFromStatusAndError() {
        assertThat(builder(200).build().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(builder(304).build().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(builder(399).build().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(builder(500).build().outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(builder(503).build().outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(builder(200).error(new ErrorInfo("x.Boom", null)).build().outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(builder(200).outcome(Outcome.FAILURE).build().outcome()).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void everyClientErrorStatusIsAFailureAsInElasticsHttpIntegrations() {
        // A 401 after a wrong password or a 403 is an attempt that failed, to an auditor.
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 429, 499}) {
            assertThat(builder(status).build().outcome()).as("status %d", status).isEqualTo(Outcome.FAILURE);
            assertThat(Outcome.of(status, false, false)).as("status %d", status).isEqualTo(Outcome.FAILURE);
        }
        assertThat(Outcome.of(399, false, false)).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void outcomeRuleCoversClientAbort() {
        assertThat(Outcome.of(200, false, true)).isEqualTo(Outcome.FAILURE);
        assertThat(Outcome.of(0, false, false)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.SUCCESS.ecsValue()).isEqualTo("success");
        assertThat(Outcome.FAILURE.ecsValue()).isEqualTo("failure");
    }

    @Test
    void requiredPartsAreRequired() {
        assertThatThrownBy(() -> builder(200).url(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder(200).request(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder(200).timing(null, SampleEvents.END, 0).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void labelsAreCopiedAndImmutable() {
        Map<String, String> labels = new HashMap<>(Map.of("a", "1"));
        AuditEvent event = builder(200).labels(labels).build();
        labels.put("b", "2");

        assertThat(event.labels()).containsOnlyKeys("a");
        assertThatThrownBy(() -> event.labels().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(event.withLabel("b", "2").labels()).containsOnlyKeys("a", "b");
        assertThat(event.labels()).containsOnlyKeys("a");
    }

    @Test
    void headerNamesAreLowerCasedAndCaseVariantsMergedInOrder() {
        Map<String, List<String>> raw = new java.util.LinkedHashMap<>();
        raw.put("Accept", List.of("text/html"));
        raw.put("X-Trace", List.of("1"));
        raw.put("ACCEPT", List.of("application/json"));
        raw.put(null, List.of("ignored"));
        raw.put("X-Null", null);

        Map<String, List<String>> headers = new AuditRequest(null, "GET", null, raw, null).headers();

        assertThat(headers).containsExactly(Map.entry("accept", List.of("text/html", "application/json")),
                Map.entry("x-trace", List.of("1")));
        assertThatThrownBy(() -> headers.put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Headers.copyOf(null)).isEmpty();
    }

    @Test
    void userRolesAreCopied() {
        List<String> roles = new java.util.ArrayList<>(List.of("ROLE_USER"));
        UserInfo user = new UserInfo("alice", roles);
        roles.add("ROLE_ADMIN");

        assertThat(user.roles()).containsExactly("ROLE_USER");
        assertThat(new UserInfo("bob", null).roles()).isEmpty();
    }

    @Test
    void errorOfAThrowableIsItsRootCause() {
        Exception root = new IllegalArgumentException("bad id");
        ErrorInfo error = ErrorInfo.of(new RuntimeException("wrapper", new IllegalStateException("mid", root)));

        assertThat(error).isEqualTo(new ErrorInfo("java.lang.IllegalArgumentException", "bad id"));
        assertThat(ErrorInfo.of(new IllegalStateException()).message()).isNull();
    }

    @Test
    void bodyFactoriesSetTheFlags() {
        assertThat(Body.captured(10, "abc", true)).isEqualTo(new Body(10L, "abc", true, false, true));
        assertThat(Body.sizeOnly(5)).isEqualTo(new Body(5L, null, false, false, true));
        assertThat(Body.reconstructedForm("a=b", 3, false)).isEqualTo(new Body(3L, "a=b", false, true, true));
        assertThat(Body.notRead(null)).isEqualTo(new Body(null, null, false, false, false));
        assertThat(Body.captured(10, "abc", true).withContent("ab", false).truncated()).as("truncated is kept").isTrue();
        assertThat(Body.captured(10, "abc", false).withContent("ab", true).truncated()).isTrue();
    }
}
