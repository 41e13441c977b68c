package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 64 KiB bodies built to make a redactor do more than linear work (the inputs of
 * {@code AdversarialRedactionBenchmark}, with a secret at the far end) are redacted
 * correctly. The timeout is a hang guard only: how fast they go is measured with JMH.
 */
class AdversarialBodyRedactionTest {

    private static final int SIZE = 64 * 1024;
    private static final String XML = "application/xml";

    private final Redactor redactor = Redactor.defaults();

    /** {@code head}, {@code unit} repeated, {@code tail}: about {@value #SIZE} chars. */
    private static String fill(String head, String unit, String tail) {
        StringBuilder text = new StringBuilder(SIZE).append(head);
        while (text.length() + unit.length() + tail.length() <= SIZE) {
            text.append(unit);
        }
        return text.append(tail).toString();
    }

    /**
     * Name, MIME type, body, the secret in it, and whether the output must be the body with
     * just the secret replaced (else only the secret's absence is checked).
     */
    /** A masked value whose every prefix matches a run of {@code a}: compared char by char at every position, it cost n·m. */
    private static final String LONG_SECRET = "a".repeat(16 * 1024) + "S3cr3tL1";

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("chained '=' in a form", Events.FORM, fill("", "a=", "&token=S3cr3tF1"), "S3cr3tF1", true),
                Arguments.of("chained '=' in a URL in a JSON string", Events.JSON,
                        fill("{\"q\":\"/p?", "a=", "&token=S3cr3tF2\"}"), "S3cr3tF2", true),
                Arguments.of("chained '=' before an encoded '?'", Events.JSON,
                        fill("{\"q\":\"/p?", "a=", "%3Fb=c&token=S3cr3tF3\"}"), "S3cr3tF3", true),
                Arguments.of("chained '=' with encoded queries in every value", Events.FORM,
                        fill("", "a=%3Fb%3Dc", "&x=1&pin=S3cr3tF4"), "S3cr3tF4", true),
                Arguments.of("deep brackets", Events.JSON,
                        fill("{\"d\":", "[{", "\"password\":\"S3cr3tB1\""), "S3cr3tB1", false),
                Arguments.of("many quotes", Events.JSON,
                        fill("{\"d\":", "\"", ",\"password\":\"S3cr3tQ1\"}"), "S3cr3tQ1", false),
                Arguments.of("many escaped quotes", Events.JSON,
                        fill("{\"d\":\"", "\\\"", ",\"password\":\"S3cr3tQ2\"}"), "S3cr3tQ2", false),
                Arguments.of("a long run of backslashes", Events.JSON,
                        fill("{\"d\":\"", "\\\\", "\",\"password\":\"S3cr3tQ3\"}x"), "S3cr3tQ3", false),
                Arguments.of("near-miss names", Events.JSON,
                        fill("{", "\"passwor\":\"tokn\",", "\"password\":\"S3cr3tN1\""), "S3cr3tN1", false),
                Arguments.of("long quoted names", Events.JSON,
                        fill("{", "\"" + "a ".repeat(750) + "\":1,", "\"" + "a ".repeat(750) + "pass word\":\"S3cr3tN2\""),
                        "S3cr3tN2", false),
                Arguments.of("unclosed tags", XML, fill("", "<password ", "<password>S3cr3tX1</password>"),
                        "S3cr3tX1", false),
                Arguments.of("an unclosed element of many '<'", XML, fill("<password>S3cr3tX2", "<a", ""), "S3cr3tX2",
                        false),
                Arguments.of("stray commas", Events.JSON, fill("{\"password\"", ",", "\"S3cr3tC1\""), "S3cr3tC1", false),
                Arguments.of("sensitive words without separators", Events.TEXT,
                        fill("", "password ", "password=S3cr3tW1"), "S3cr3tW1", true),
                Arguments.of("unclosed comments after names", Events.JSON,
                        fill("{\"a\":1,", "\"token\" /* ", "\"token\": \"S3cr3tK1\""), "S3cr3tK1", false),
                Arguments.of("line comments after names", Events.JSON,
                        fill("{\"a\":1,", "\"token\" // ", "\n\"token\": \"S3cr3tK2\""), "S3cr3tK2", false),
                Arguments.of("a long masked value reused after a run of its first char", Events.JSON,
                        fill("{\"password\":\"" + LONG_SECRET + "\",\"x\":\"", "a", LONG_SECRET + "\"}"), LONG_SECRET,
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void adversarialBodiesAreRedactedCorrectly(String name, String mimeType, String body, String secret,
                                               boolean exact) {
        AuditEvent in = Events.requestBody(mimeType, Body.captured(body.length(), body, false));

        String out = Events.requestContent(redactor.redact(in));

        assertThat(out).as(name).doesNotContain(secret).contains("***");
        if (exact) {
            assertThat(out).as(name).isEqualTo(body.replace(secret, "***"));
        }
    }
}
