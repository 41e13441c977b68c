package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.json.EcsFieldMapping;
import dev.httpaudit.core.json.EventJsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A value masked in one place of an exchange is masked wherever else it shows up, however it is spelled. */
class MaskedValueReuseTest {

    private final Redactor redactor = Redactor.defaults();

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicPasswordPercentEncodedInTheQueryIsMaskedAndTheQueryStaysAQuery() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "GET", null,
                        Map.of("authorization", List.of(basic("alice", "p@ss w0rd!"))), null))
                .url(new UrlInfo("/a", "q=p%40ss%20w0rd%21&page=2", "http", "h", 80))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.url().query()).isEqualTo("q=***&page=2");
    }

    @Test
    void bearerTokenInThePathIsMaskedThereAndInTheSummary() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "GET", null,
                        Map.of("authorization", List.of("Bearer tok_5ecret_Value")), null))
                .url(new UrlInfo("/tokens/tok_5ecret_Value/revoke", null, "http", "h", 80))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.url().path()).isEqualTo("/tokens/***/revoke");
        assertThat(EcsFieldMapping.message(out)).startsWith("GET /tokens/***/revoke ");
    }

    @Test
    void jsonPasswordInAnotherHeaderAndTheUserAgentIsMasked() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.JSON,
                        Map.of("x-note", List.of("pw was Tr0ub4dor&3"), "user-agent", List.of("ua Tr0ub4dor%263")),
                        Body.captured(30, "{\"password\":\"Tr0ub4dor&3\"}", false)))
                .userAgent("ua Tr0ub4dor%263")
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.request().headers().get("x-note")).containsExactly("pw was ***");
        assertThat(out.request().headers().get("user-agent")).containsExactly("ua ***");
        assertThat(out.userAgent()).isEqualTo("ua ***");
    }

    @Test
    void jsonPasswordInAFormBodyWithPlusForSpacesIsMaskedAndTheFormStaysAForm() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.FORM, Map.of(),
                        Body.captured(40, "note=correct+horse+b%61ttery&x=1", false)))
                .response(new AuditResponse(200, Events.JSON, Map.of(),
                        Body.captured(40, "{\"secret\":\"correct horse battery\"}", false)))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(Events.requestContent(out)).isEqualTo("note=***&x=1");
    }

    @Test
    void cookieValueSpelledWithJsonUnicodeEscapesInAJsonBodyIsMaskedAndTheBodyStaysJson() {
        String escaped = "\\u0073essi\\u006fn-a1b2c3d4";
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "GET", null, Map.of("cookie", List.of("SID=session-a1b2c3d4")), null))
                .response(new AuditResponse(200, Events.JSON, Map.of(),
                        Body.captured(60, "{\"echo\":\"" + escaped + "\",\"n\":1}", false)))
                .build();

        AuditEvent out = redactor.redact(in);

        JsonNode body = StrictJson.parse(Events.responseContent(out));
        assertThat(body.get("echo").asString()).isEqualTo("***");
        assertThat(body.get("n").asInt()).isEqualTo(1);
    }

    @Test
    void pinFromAFormEchoedAsAJsonNumberIsMaskedAndTheBodyStaysJson() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.FORM, Map.of(), Body.captured(20, "user=bob&pin=4711", false)))
                .response(new AuditResponse(200, Events.JSON, Map.of(),
                        Body.captured(40, "{\"pinEcho\": 4711 ,\"count\":2,\"f\":4711.5}", false)))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(Events.requestContent(out)).isEqualTo("user=bob&pin=***");
        JsonNode body = StrictJson.parse(Events.responseContent(out));
        assertThat(body.get("pinEcho").asString()).isEqualTo("***");
        assertThat(body.get("f").asString()).isEqualTo("***");
        assertThat(body.get("count").asInt()).isEqualTo(2);
    }

    @Test
    void unicodeEscapedAndPercentEncodedValueInFreeTextIsMaskedAsItsWholeSpan() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.JSON, Map.of(),
                        Body.captured(30, "{\"apiKey\":\"AK-998877zz\"}", false)))
                .error(new ErrorInfo("E", "key \\u0041K-99%3887\\u0037zz refused"))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.error().message()).isEqualTo("key *** refused");
    }

    @Test
    void maskedValueInLabelsRouteDomainUserAndErrorTypeIsMasked() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.JSON, Map.of(),
                        Body.captured(30, "{\"token\":\"zz-t0k3n-99\"}", false)))
                .url(new UrlInfo("/a", null, "http", "zz-t0k3n-99.example", 80))
                .route("/r/zz-t0k3n-99")
                .user(new UserInfo("zz-t0k3n-99", List.of("zz%2Dt0k3n%2D99")))
                .error(new ErrorInfo("zz-t0k3n-99", null))
                .labels(Map.of("zz-t0k3n-99", "v", "k", "zz-t0k3n-99"))
                .build();

        String json = EventJsonWriter.instance().toJson(redactor.redact(in));

        assertThat(json).doesNotContain("t0k3n");
    }

    @Test
    void maskedValueInAHeaderNameAndTheCorrelationIdIsMasked() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("zz-t0k3n-99", "GET", null,
                        Map.of("x-api-key", List.of("zz-t0k3n-99"), "x-zz-t0k3n-99", List.of("1")), null))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.request().id()).isEqualTo("***");
        assertThat(out.request().headers()).containsKey("x-***").doesNotContainKey("x-zz-t0k3n-99");
    }
}
