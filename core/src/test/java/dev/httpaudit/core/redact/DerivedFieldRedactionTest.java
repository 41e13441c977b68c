package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fields copied from a header, or set from the request, get the redaction their header gets. */
class DerivedFieldRedactionTest {

    private static AuditEvent withHeader(String name, String value, String id, String userAgent) {
        return Events.base()
                .request(new AuditRequest(id, "GET", null, Map.of(name, List.of(value)), null))
                .userAgent(userAgent)
                .build();
    }

    @Test
    void userAgentConfiguredAsSensitiveIsMaskedInUserAgentOriginalToo() {
        Redactor redactor = Redactor.of(RedactionPolicy.builder().headers("User-Agent").build());
        AuditEvent in = withHeader("user-agent", "AcmeClient/1.0 (device 5f2c9e7a11)", "r-1",
                "AcmeClient/1.0 (device 5f2c9e7a11)");

        AuditEvent out = redactor.redact(in);

        assertThat(out.request().headers().get("user-agent")).containsExactly("***");
        assertThat(out.userAgent()).isEqualTo("***");
        assertThat(EventJsonWriter.instance().toJson(out)).doesNotContain("5f2c9e7a11");
    }

    @Test
    void userAgentHoldingATokenIsRedactedExactlyAsItsHeader() {
        String agent = "probe/2 token=tk_9f8e7d6c5b";
        AuditEvent out = Redactor.defaults().redact(withHeader("user-agent", agent, "r-1", agent));

        assertThat(out.request().headers().get("user-agent")).containsExactly("probe/2 token=***");
        assertThat(out.userAgent()).isEqualTo("probe/2 token=***");
    }

    @Test
    void correlationIdMaskedInItsHeaderIsMaskedInHttpRequestId() {
        Redactor redactor = Redactor.of(RedactionPolicy.builder().headers("X-Request-Id").build());
        AuditEvent out = redactor.redact(withHeader("x-request-id", "corr-7a6b5c4d3e", "corr-7a6b5c4d3e", null));

        assertThat(out.request().headers().get("x-request-id")).containsExactly("***");
        assertThat(out.request().id()).isEqualTo("***");
    }

    @Test
    void correlationIdEchoedInASensitiveResponseHeaderStaysWhenTheRequestSideDidNotMaskIt() {
        Redactor redactor = Redactor.of(RedactionPolicy.builder().headers("X-Request-Id").build());
        AuditEvent in = Events.base()
                .request(new AuditRequest("0f3a9c2e77b14c4e", "GET", null,
                        Map.of("x-request-id", List.of("client-sent-secret-id")), null))
                .response(new AuditResponse(200, null, Map.of("x-request-id", List.of("0f3a9c2e77b14c4e"),
                        "x-other", List.of("client-sent-secret-id")), null))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.request().id()).isEqualTo("0f3a9c2e77b14c4e");
        assertThat(out.response().headers().get("x-request-id")).containsExactly("0f3a9c2e77b14c4e");
        assertThat(out.request().headers().get("x-request-id")).containsExactly("***");
        assertThat(out.response().headers().get("x-other")).containsExactly("***");
    }

    @Test
    void correlationIdHoldingAPatternIsRedactedAsItsHeader() {
        AuditEvent out = Redactor.defaults().redact(withHeader("x-request-id", "token:ab12cd34ef", "token:ab12cd34ef", null));

        assertThat(out.request().headers().get("x-request-id")).containsExactly("token:***");
        assertThat(out.request().id()).isEqualTo("token:***");
    }

    @Test
    void pathWithASensitiveMatrixParameterIsRedactedAndSoIsTheSummary() {
        AuditEvent in = Events.base().url(new UrlInfo("/login;password=hunter2hunter/x", null, "http", "h", 80)).build();

        AuditEvent out = Redactor.defaults().redact(in);

        // a bare value runs to whitespace or a quote: the rest of the path goes with it
        assertThat(out.url().path()).isEqualTo("/login;password=***");
        assertThat(EcsFieldMapping.message(out)).doesNotContain("hunter2hunter");
    }

    @Test
    void domainRouteTraceUserAndErrorTypeAreRedactedAsText() {
        AuditEvent in = Events.base()
                .url(new UrlInfo("/a", null, "http", "h?token=d0m41nS3cr3t", 80))
                .route("/r/secret=r0ut3S3cr3t")
                .trace(new TraceInfo("trace?access_token=tr4c3S3cr3t", "span;pin=5p4n5"))
                .user(new UserInfo("name password=us3rS3cr3t", List.of("role token=r0l3S3cr3t")))
                .error(new ErrorInfo("Type apikey=typ3S3cr3t", "m"))
                .build();

        String json = EventJsonWriter.instance().toJson(Redactor.defaults().redact(in));

        assertThat(json).doesNotContain("d0m41nS3cr3t", "r0ut3S3cr3t", "tr4c3S3cr3t", "5p4n5", "us3rS3cr3t",
                "r0l3S3cr3t", "typ3S3cr3t");
    }

    @Test
    void wouldChangeSaysWhetherAHeaderValueWouldBeRedacted() {
        Redactor defaults = Redactor.defaults();
        Redactor idSensitive = Redactor.of(RedactionPolicy.builder().headers("x-request-id").build());

        assertThat(defaults.wouldChange("X-Request-Id", "0f3a9c2e-77b1-4c4e-9f0e-1d2c3b4a5f60")).isFalse();
        assertThat(defaults.wouldChange("X-Request-Id", "token:ab12cd34ef")).isTrue();
        assertThat(defaults.wouldChange("Authorization", "abc-123")).isTrue();
        assertThat(idSensitive.wouldChange("X-Request-Id", "abc-123")).isTrue();
        assertThat(defaults.wouldChange("X-Request-Id", null)).isFalse();
    }

    @Test
    void wouldChangeSeesValuesMaskedElsewhereInTheHeadersAndQuery() {
        Redactor redactor = Redactor.defaults();
        Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer eyJtoken.abc.def"),
                "X-Request-Id", List.of("eyJtoken.abc.def"));

        assertThat(redactor.wouldChange("eyJtoken.abc.def", headers, null)).isTrue();
        assertThat(redactor.wouldChange("q7w8e9r0t1y2", Map.of(), "a=1&access_token=q7w8e9r0t1y2")).isTrue();
        assertThat(redactor.wouldChange("q7w8e9r0t1y2", headers, "a=1")).isFalse();
    }
}
