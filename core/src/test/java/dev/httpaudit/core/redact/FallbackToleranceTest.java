package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import org.junit.jupiter.api.Test;

/**
 * The tolerant scan behind JSON that does not parse, and behind free text, meets whatever may
 * stand between a sensitive name and its value (comments, no-break and zero-width spaces)
 * and names of any length: it masks at least what a parser would.
 */
class FallbackToleranceTest {

    private final Redactor redactor = Redactor.defaults();

    private String redactTruncatedJson(String json) {
        return Events.requestContent(redactor.redact(Events.requestBody(Events.JSON, Body.captured(1_000_000, json, true))));
    }

    private String redactJson(String json) {
        return Events.requestContent(redactor.redact(Events.requestBody(Events.JSON, json)));
    }

    private String redactText(String text) {
        return Events.requestContent(redactor.redact(Events.requestBody(Events.TEXT, text)));
    }

    @Test
    void aCommentBetweenANameAndItsColonDoesNotHideTheValue() {
        assertThat(redactJson("{\"password\" /* set by the user */ : \"S3cr3tC1\"}")).doesNotContain("S3cr3tC1");
        assertThat(redactJson("{\"token\" // note\n : \"S3cr3tC2\"}")).doesNotContain("S3cr3tC2");
        assertThat(redactTruncatedJson("{\"a\":1, password /* x */ : \"S3cr3tC3\"")).doesNotContain("S3cr3tC3");
    }

    @Test
    void anUndecodableByteOrANextLineCharNearOrInsideANameDoesNotHideTheValue() {
        // a Latin-1 no-break space (0xA0) in a body declared UTF-8 decodes to U+FFFD
        assertThat(redactJson("{\"password\"\uFFFD:\"S3cr3tU1\"}")).doesNotContain("S3cr3tU1");
        assertThat(redactJson("{\"pass\uFFFDword\":\"S3cr3tU2\"}")).doesNotContain("S3cr3tU2");
        assertThat(redactJson("{\"password\"\u0085:\u0085\"S3cr3tU3\"}")).doesNotContain("S3cr3tU3");
        assertThat(redactJson("{\"pass\u0085word\":\"S3cr3tU4\"}")).doesNotContain("S3cr3tU4");
        assertThat(redactText("pass\uFFFDword=S3cr3tU5 and more")).doesNotContain("S3cr3tU5");
    }

    @Test
    void aCommentHoldingDelimitersInsideAMaskedObjectDoesNotEndIt() {
        String out = redactJson("{\"password\": {\"a\": /* }, \" */ \"S3cr3tO1\", // ]}\n \"b\": \"S3cr3tO2\"}, \"n\": 1}");

        assertThat(out).doesNotContain("S3cr3tO1").doesNotContain("S3cr3tO2");
    }

    @Test
    void aCommentBetweenTheColonAndTheValueIsMaskedWithIt() {
        String out = redactJson("{\"password\": /* c */ \"S3cr3tC4\", \"n\": 1}");

        assertThat(out).doesNotContain("S3cr3tC4").contains("\"n\": 1");
    }

    @Test
    void unicodeSpacesBetweenANameAndItsSeparatorDoNotHideTheValue() {
        for (String space : new String[] {"\u00a0", "\u2007", "\u202f", "\u3000", "\u200b", "\ufeff", "\u2060"}) {
            String json = "{\"password\"" + space + ":" + space + "\"S3cr3tU1\"," + space + "\"pin\"" + space + ":"
                    + space + "9731234}";
            assertThat(redactJson(json)).as("space U+%04X", (int) space.charAt(0))
                    .doesNotContain("S3cr3tU1").doesNotContain("9731234");
            assertThat(redactText("password" + space + "=" + space + "S3cr3tU2 and token" + space + ":" + space
                    + "S3cr3tU3")).as("space U+%04X", (int) space.charAt(0))
                    .doesNotContain("S3cr3tU2").doesNotContain("S3cr3tU3");
        }
    }

    @Test
    void zeroWidthCharsInsideANameDoNotHideIt() {
        assertThat(redactJson("{\"pass\u200bword\":\"S3cr3tZ1\"}")).doesNotContain("S3cr3tZ1");
        assertThat(redactTruncatedJson("{\"to\u200dken\":\"S3cr3tZ2\",\"a\":")).doesNotContain("S3cr3tZ2");
        assertThat(redactText("pass\u2060word=S3cr3tZ3")).doesNotContain("S3cr3tZ3");
        assertThat(SensitiveNames.normalize("Pass\u200bWo\ufeffrd")).isEqualTo("password");
    }

    @Test
    void quotedNamesLongerThanAnyBoundAreStillMatched() {
        String name = "note ".repeat(300) + "pass word";
        assertThat(redactTruncatedJson("{\"" + name + "\": \"S3cr3tL1\", \"x\": \"y")).doesNotContain("S3cr3tL1");
        assertThat(redactJson("{\"" + name + "\": \"S3cr3tL2\", \"x\": 1")).doesNotContain("S3cr3tL2");
        String structured = "a:b,".repeat(400) + "secret key";
        assertThat(redactJson("{\"" + structured + "\": [\"S3cr3tL3\"], \"x\": 1")).doesNotContain("S3cr3tL3");
    }

    @Test
    void aBodyCutAtAnyPointMasksAtLeastThePrefixOfWhatTheWholeMasks() {
        String whole = "{\"a\": \"" + "x".repeat(1500) + "\", \"password\" /* c */ : \"S3cr3tK1S3cr3tK1\", \"b\": 2}";
        AuditEvent wholeOut = redactor.redact(Events.requestBody(Events.JSON, whole));
        assertThat(Events.requestContent(wholeOut)).doesNotContain("S3cr3tK1");
        int secret = whole.indexOf("S3cr3tK1");
        for (int cut = secret + 1; cut <= secret + 16; cut++) {
            String out = redactTruncatedJson(whole.substring(0, cut));
            assertThat(out).as("cut at %d", cut).doesNotContain(whole.substring(secret, cut));
        }
    }
}
