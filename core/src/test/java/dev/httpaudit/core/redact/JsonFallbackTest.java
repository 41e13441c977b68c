package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import org.junit.jupiter.api.Test;

/** JSON that cannot be streamed: cut at the capture limit, malformed, nested too deep. */
class JsonFallbackTest {

    private final Redactor redactor = Redactor.defaults();

    private String redactTruncated(String json) {
        AuditEvent event = Events.requestBody(Events.JSON, Body.captured(1_000_000, json, true));
        AuditEvent out = redactor.redact(event);
        assertThat(out.request().body().truncated()).isTrue();
        return Events.requestContent(out);
    }

    private String redactJson(String json) {
        return Events.requestContent(redactor.redact(Events.requestBody(Events.JSON, json)));
    }

    @Test
    void truncatedJsonStillMasksPartialValue() {
        assertThat(redactTruncated("{\"a\":1,\"password\":\"S3cr3tAB")).isEqualTo("{\"a\":1,\"password\":\"***");
    }

    @Test
    void truncatedJsonMasksEarlierCompleteValues() {
        assertThat(redactTruncated("{\"token\":\"T0k3n\",\"items\":[{\"x\":\"long te"))
                .isEqualTo("{\"token\":\"***\",\"items\":[{\"x\":\"long te");
    }

    @Test
    void truncatedInsideAMaskedObjectMasksToTheEnd() {
        assertThat(redactTruncated("{\"credentials\":1,\"privateKey\":{\"d\":\"S3c\",\"e\":[\"x"))
                .isEqualTo("{\"credentials\":1,\"privateKey\":\"***\"");
    }

    @Test
    void truncatedInsideANumberMasksThePartialNumber() {
        assertThat(redactTruncated("{\"pin\": 98765")).isEqualTo("{\"pin\": ***");
    }

    @Test
    void truncatedInsideAKeyOrRightAfterItLeavesNothingToMask() {
        assertThat(redactTruncated("{\"a\":1,\"passw")).isEqualTo("{\"a\":1,\"passw");
        assertThat(redactTruncated("{\"a\":1,\"password\":")).isEqualTo("{\"a\":1,\"password\":");
    }

    @Test
    void escapedQuotesInsideAMaskedStringDoNotEndIt() {
        assertThat(redactTruncated("{\"password\":\"ab\\\"cd,\\\"ef\",\"x\":1")).isEqualTo("{\"password\":\"***\",\"x\":1");
    }

    @Test
    void unicodeEscapedKeysAreMatchedByTheFallback() {
        assertThat(redactTruncated("{\"pass\\u0077ord\":\"S3cr3t\",\"x\":\"y")).isEqualTo("{\"pass\\u0077ord\":\"***\",\"x\":\"y");
    }

    @Test
    void malformedJsonStillMasksSensitiveValues() {
        String out = redactJson("{'password': 'S3cr3t', secret: 42, \"token\": \"T0k3n\",, \"ok\": NaN}");

        assertThat(out).doesNotContain("S3cr3t").doesNotContain("42").doesNotContain("T0k3n").contains("\"ok\": NaN");
    }

    @Test
    void damagedKeyValueSeparatorsStillMask() {
        assertThat(redactJson("{\"password\" \"S3cr3t1\"}")).doesNotContain("S3cr3t1");
        assertThat(redactJson("{\"password\",:\"S3cr3t2\"}")).doesNotContain("S3cr3t2");
        assertThat(redactJson("{\"password\":]\"S3cr3t3\"}")).doesNotContain("S3cr3t3");
        assertThat(redactJson("{\"password\"\":\"S3cr3t4\"}")).doesNotContain("S3cr3t4");
        assertThat(redactJson("{\"password\":\"S3cr\"3t5\"}")).doesNotContain("3t5");
        assertThat(redactJson("{password\":\"S3cr3t6\"}")).doesNotContain("S3cr3t6");
        assertThat(redactJson("{\"password:\"S3cr3t7\"}")).doesNotContain("S3cr3t7");
    }

    @Test
    void trailingGarbageFallsBackWithoutLosingOtherContent() {
        assertThat(redactJson("{\"password\":\"S3cr3t\",\"a\":1} trailing"))
                .isEqualTo("{\"password\":\"***\",\"a\":1} trailing");
    }

    @Test
    void jsonHijackingPrefixIsHandled() {
        assertThat(redactJson(")]}',\n{\"token\":\"T0k3n\"}")).doesNotContain("T0k3n");
    }

    @Test
    void nestedTooDeepForTheParserStillMasks() {
        String deep = "{\"a\":".repeat(1200) + "{\"password\":\"S3cr3tDeep\",\"n\":1}" + "}".repeat(1200);
        String wide = "{\"token\":\"T0k3nTop\",\"x\":" + deep + "}";

        String out = redactJson(wide);

        assertThat(out).doesNotContain("S3cr3tDeep").doesNotContain("T0k3nTop");
        assertThat(out).startsWith("{\"token\":\"***\",\"x\":{\"a\":{\"a\":");
    }

    @Test
    void jsonEscapedInsideAMalformedDocumentIsMasked() {
        String out = redactJson("{\"payload\":\"{\\\"password\\\":\\\"S3cr3t\\\",\\\"a\\\":1}\", oops}");

        assertThat(out).doesNotContain("S3cr3t");
    }

    @Test
    void fallbackMasksNameValuePairs() {
        assertThat(redactJson("{\"note\": password=S3cr3t&x=1")).doesNotContain("S3cr3t").contains("x=1");
    }

    @Test
    void maskedNestedValuesAreScrubbedFromTheErrorMessage() {
        AuditEvent in = Events.base()
                .request(new dev.httpaudit.core.AuditRequest("r", "POST", Events.JSON, java.util.Map.of(),
                        Body.captured(100, "{\"secret\":{\"inner\":\"S3cr3tInner\"", true)))
                .error(new dev.httpaudit.core.ErrorInfo("E", "bad value S3cr3tInner"))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.error().message()).isEqualTo("bad value ***");
    }
}
