package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class JsonBodyRedactionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Redactor redactor = Redactor.defaults();

    private String redactRequest(String mimeType, String json) {
        return Events.requestContent(redactor.redact(Events.requestBody(mimeType, json)));
    }

    @Test
    void masksTopLevelFieldKeepingOtherFields() {
        String out = redactRequest(Events.JSON, "{\"item\":\"book\",\"password\":\"hunter2\",\"qty\":2}");

        assertThat(out).isEqualTo("{\"item\":\"book\",\"password\":\"***\",\"qty\":2}");
    }

    @Test
    void masksNestedJsonFieldOfAnyType() {
        String in = """
                {"user":{"name":"bob","credentials":[{"apiKey":"k1","pin":1234,
                 "privateKey":{"alg":"RS256","d":["x","y"]},"token":null,"secret":true,"cvv":12.5e1}]}}""";

        String out = redactRequest(Events.JSON, in);

        assertThat(out).isEqualTo("{\"user\":{\"name\":\"bob\",\"credentials\":[{\"apiKey\":\"***\",\"pin\":\"***\",\n"
                + " \"privateKey\":\"***\",\"token\":\"***\",\"secret\":\"***\",\"cvv\":\"***\"}]}}");
    }

    @Test
    void keepsDocumentWithNothingSensitiveExactlyAsItCame() {
        String in = "{ \"a\" : 1.50,\n  \"b\" : [ \"caf\\u00e9\", 1E3 ] }";

        assertThat(redactRequest(Events.JSON, in)).isSameAs(Events.requestContent(Events.requestBody(Events.JSON, in)))
                .isEqualTo(in);
    }

    @Test
    void keepsNumbersAndStringsExactWhenRewriting() {
        String in = "{\"amount\":12345678901234567890.000001,\"e\":1E+3,\"s\":\"a\\\"b\\\\c\\n\u2028\",\"password\":\"p\"}";

        String out = redactRequest(Events.JSON, in);

        JsonNode node = MAPPER.readTree(out);
        assertThat(out).contains("12345678901234567890.000001").contains("1E+3");
        assertThat(node.get("s").asString()).isEqualTo("a\"b\\c\n\u2028");
        assertThat(node.get("password").asString()).isEqualTo("***");
    }

    @Test
    void matchesKeysWithUnicodeEscapes() {
        String out = redactRequest(Events.JSON, "{\"pass\\u0077ord\":\"S3cr3t\"}");

        assertThat(out).isEqualTo("{\"pass\\u0077ord\":\"***\"}");
    }

    @Test
    void masksPlusJsonAndOtherJsonTypes() {
        assertThat(redactRequest("application/vnd.api+json", "{\"token\":\"t\"}")).isEqualTo("{\"token\":\"***\"}");
        assertThat(redactRequest("application/problem+json; charset=utf-8", "{\"secret\":1}"))
                .isEqualTo("{\"secret\":\"***\"}");
    }

    @Test
    void masksResponseJsonBodies() {
        AuditEvent out = redactor.redact(Events.responseBody(Events.JSON,
                "{\"access_token\":\"eyJ\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        assertThat(Events.responseContent(out))
                .isEqualTo("{\"access_token\":\"***\",\"token_type\":\"***\",\"expires_in\":3600}");
    }

    @Test
    void masksFieldsInsideTopLevelArraysAndRootSequences() {
        assertThat(redactRequest(Events.JSON, "[{\"password\":\"a\"},{\"password\":\"b\"}]"))
                .isEqualTo("[{\"password\":\"***\"},{\"password\":\"***\"}]");
        assertThat(redactRequest("application/x-ndjson", "{\"password\":\"a\"}\n{\"password\":\"b\"}\n"))
                .isEqualTo("{\"password\":\"***\"}\n{\"password\":\"***\"}\n");
    }

    @Test
    void masksUserAddedBodyFieldsOnly() {
        Redactor custom = Redactor.of(RedactionPolicy.builder().useDefaults(false).bodyFields("iban").build());

        String out = Events.requestContent(custom.redact(Events.requestBody(Events.JSON,
                "{\"IBAN\":\"DE00\",\"password\":\"p\"}")));

        assertThat(out).isEqualTo("{\"IBAN\":\"***\",\"password\":\"p\"}");
    }

    @Test
    void masksJsonEmbeddedInAStringValue() {
        String out = redactRequest(Events.JSON, "{\"payload\":\"{\\\"password\\\":\\\"S3cr3t\\\",\\\"a\\\":1}\"}");

        assertThat(out).doesNotContain("S3cr3t");
        assertThat(MAPPER.readTree(MAPPER.readTree(out).get("payload").asString()).get("password").asString())
                .isEqualTo("***");
    }

    @Test
    void masksQueryParametersOfUrlsInStringValues() {
        String out = redactRequest(Events.JSON, "{\"callback\":\"https://x.example/cb?state=1&access_token=abc\"}");

        assertThat(out).isEqualTo("{\"callback\":\"https://x.example/cb?state=1&access_token=***\"}");
    }

    @Test
    void sniffsJsonInTextBodies() {
        String out = redactRequest(Events.TEXT, "  {\"password\":\"S3cr3t\",\"a\":[1]}");

        assertThat(out).isEqualTo("  {\"password\":\"***\",\"a\":[1]}");
    }

    @Test
    void masksAMaskedValueThatIsUsedAsAKeyElsewhereInTheBody() {
        String out = redactRequest(Events.JSON, "{\"password\":\"S3cr3tKey\",\"S3cr3tKey\":1,\"a\":{\"x-S3cr3tKey\":2}}");

        assertThat(out).doesNotContain("S3cr3tKey");
        JsonNode node = MAPPER.readTree(out);
        assertThat(node.get("password").asString()).isEqualTo("***");
        assertThat(node.get("***").asInt()).isEqualTo(1);
        assertThat(node.get("a").get("x-***").asInt()).isEqualTo(2);
    }

    @Test
    void changesOnlyTheMaskedValuesKeepingTheDocumentsOwnFormatting() {
        String in = "{ \"a\" : 1.50,\n  \"password\" : { \"x\": [1, 2] },\t\"b\" : \"caf\\u00e9\" }";

        assertThat(redactRequest(Events.JSON, in))
                .isEqualTo("{ \"a\" : 1.50,\n  \"password\" : \"***\",\t\"b\" : \"caf\\u00e9\" }");
    }

    @Test
    void keepsTruncatedFlagAndSize() {
        Body body = Body.captured(70_000, "{\"password\":\"S3cr3t\"}", true);

        AuditEvent out = redactor.redact(Events.requestBody(Events.JSON, body));

        assertThat(out.request().body().truncated()).isTrue();
        assertThat(out.request().body().bytes()).isEqualTo(70_000L);
    }

    @Test
    void emptyAndWhitespaceBodiesStayAsTheyAre() {
        assertThat(redactRequest(Events.JSON, "")).isEmpty();
        assertThat(redactRequest(Events.JSON, "  \n")).isEqualTo("  \n");
    }
}
