package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class FreeTextRedactionTest {

    private final Redactor redactor = Redactor.defaults();

    private static AuditEvent exchange(String requestMime, String requestBody, String responseMime, String responseBody,
                                       String errorMessage) {
        return Events.base()
                .request(new AuditRequest("r", "POST", requestMime, Map.of(),
                        Body.captured(requestBody.length(), requestBody, false)))
                .response(new AuditResponse(500, responseMime, Map.of(),
                        Body.captured(responseBody.length(), responseBody, false)))
                .error(errorMessage == null ? null : new ErrorInfo("java.lang.IllegalArgumentException", errorMessage))
                .build();
    }

    @Test
    void passwordFromAFormIsAlsoMaskedInErrorMessageAndTextResponse() {
        AuditEvent in = exchange(Events.FORM, "user=bob&password=Tr0ub4dor%263", Events.TEXT,
                "Login failed for bob with Tr0ub4dor&3, try again", "bad credentials: Tr0ub4dor&3 rejected");

        AuditEvent out = redactor.redact(in);

        assertThat(Events.requestContent(out)).isEqualTo("user=bob&password=***");
        assertThat(Events.responseContent(out)).isEqualTo("Login failed for bob with ***, try again");
        assertThat(out.error().message()).isEqualTo("bad credentials: *** rejected");
    }

    @Test
    void valuesMaskedInJsonAndHeadersAreScrubbedFromXmlAndHtmlBodies() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.JSON,
                        Map.of("authorization", List.of("Bearer eyJhbGciOi.payload.sig")),
                        Body.captured(30, "{\"apiKey\":\"AK-998877\"}", false)))
                .response(new AuditResponse(400, "text/html", Map.of(), Body.captured(100,
                        "<p>key AK-998877 and token eyJhbGciOi.payload.sig are invalid</p>", false)))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(Events.responseContent(out)).isEqualTo("<p>key *** and token *** are invalid</p>");
    }

    @Test
    void valuesMaskedElsewhereAreScrubbedFromJsonStringValuesKeepingJsonValid() {
        AuditEvent in = exchange(Events.JSON, "{\"password\":\"S3cr3t!\"}", Events.JSON,
                "{\"error\":\"password S3cr3t! is too weak\",\"code\":7}", null);

        AuditEvent out = redactor.redact(in);

        assertThat(Events.responseContent(out)).isEqualTo("{\"error\":\"password *** is too weak\",\"code\":7}");
        new ObjectMapper().readTree(Events.responseContent(out));
    }

    @Test
    void masksObviousPatternsInTextBodies() {
        String text = "user=bob password=S3cr3t1 ok\napi_key: S3cr3t2\n\"token\": \"S3cr3t3\"\nssn=123-45-6789";

        String out = Events.requestContent(redactor.redact(Events.requestBody(Events.TEXT, text)));

        assertThat(out).isEqualTo("user=bob password=*** ok\napi_key: ***\n\"token\": \"***\"\nssn=***");
    }

    @Test
    void masksSensitiveElementsAndAttributesInXml() {
        String xml = "<login><user>bob</user><password>S3cr3t</password><ns:pin>1234</ns:pin>"
                + "<key apiKey=\"K3y\"/><secret><v>nested</v></secret><spinner>3</spinner></login>";

        String out = Events.requestContent(redactor.redact(Events.requestBody("application/xml", xml)));

        assertThat(out).isEqualTo("<login><user>bob</user><password>***</password><ns:pin>***</ns:pin>"
                + "<key apiKey=\"***\"/><secret>***</secret><spinner>3</spinner></login>");
    }

    @Test
    void truncatedXmlMasksToTheEnd() {
        AuditEvent in = Events.requestBody("text/xml", Body.captured(9999, "<a><password>S3cr3tPart", true));

        assertThat(Events.requestContent(redactor.redact(in))).isEqualTo("<a><password>***");
    }

    @Test
    void masksPatternsInErrorMessages() {
        AuditEvent out = redactor.redact(Events.error("Invalid request: password=S3cr3t&user=bob"));

        assertThat(out.error().message()).isEqualTo("Invalid request: password=***&user=bob");
    }

    @Test
    void scrubsEveryOccurrenceAndOverlappingValues() {
        AuditEvent in = exchange(Events.FORM, "password=abcd1234&secret=1234wxyz", Events.TEXT,
                "abcd1234wxyz abcd1234 1234wxyz", null);

        assertThat(Events.responseContent(redactor.redact(in))).isEqualTo("*** *** ***");
    }

    @Test
    void veryShortValuesAndLiteralsAreNotScrubbedFromText() {
        AuditEvent in = exchange(Events.JSON, "{\"pin\":\"7\",\"token_expired\":true}", Events.TEXT,
                "retry in 7 minutes: true", null);

        assertThat(Events.responseContent(redactor.redact(in))).isEqualTo("retry in 7 minutes: true");
    }

    @Test
    void cookieValuesAndBearerCredentialsAreScrubbedOnTheirOwn() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "GET", null, Map.of(
                        "cookie", List.of("JSESSIONID=0123456789ABCDEF; lang=en"),
                        "authorization", List.of("Bearer abcdefgh12345")), null))
                .error(new ErrorInfo("E", "session 0123456789ABCDEF with abcdefgh12345 expired"))
                .build();

        assertThat(redactor.redact(in).error().message()).isEqualTo("session *** with *** expired");
    }

    @Test
    void labelsAddedByEnrichersAreRedactedToo() {
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "POST", Events.FORM, Map.of(),
                        Body.captured(20, "password=Sw0rdf1sh", false)))
                .labels(Map.of("tenant", "acme", "api_token", "tok-123456", "note", "login with Sw0rdf1sh",
                        "debug", "secret=xyz"))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.labels()).containsEntry("tenant", "acme")
                .containsEntry("api_token", "***")
                .containsEntry("note", "login with ***")
                .containsEntry("debug", "secret=***");
    }

    @Test
    void theDecodedPasswordOfBasicCredentialsIsScrubbedToo() {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString("alice:c0rrect-h0rse".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditEvent in = Events.base()
                .request(new AuditRequest("r", "GET", null, Map.of("authorization", List.of("Basic " + credentials)),
                        null))
                .error(new ErrorInfo("E", "login failed for alice with c0rrect-h0rse"))
                .build();

        assertThat(redactor.redact(in).error().message()).isEqualTo("login failed for alice with ***");
    }
}
