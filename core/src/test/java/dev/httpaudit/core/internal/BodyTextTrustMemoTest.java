package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyText#isTrustworthy}'s memo of the texts this thread found trustworthy: it spares
 * the Redactor a second look at a body the servlet filter judged, never changes an answer, and
 * keeps no body past the event it was judged for.
 */
class BodyTextTrustMemoTest {

    @BeforeEach
    void startWithAnEmptyMemo() {
        BodyText.forgetTrusted();
    }

    @Test
    void aTextFoundTrustworthyIsRememberedAsThatInstanceOnly() {
        String text = new String("{\"a\":1}".toCharArray());
        String sameChars = new String(text.toCharArray());

        assertThat(BodyText.isTrustworthy(text)).isTrue();

        assertThat(BodyText.isRemembered(text)).isTrue();
        assertThat(BodyText.isRemembered(sameChars)).isFalse();
    }

    @Test
    void aTextFoundUntrustworthyIsNotRemembered() {
        String binary = "ab\u0001\u0002\u0003";

        assertThat(BodyText.isTrustworthy(binary)).isFalse();

        assertThat(BodyText.isRemembered(binary)).isFalse();
        assertThat(BodyText.isTrustworthy(binary)).isFalse();
    }

    @Test
    void onlyTheLastTwoTextsFoundTrustworthyAreRemembered() {
        String first = new String("first".toCharArray());
        String second = new String("second".toCharArray());
        String third = new String("third".toCharArray());

        BodyText.isTrustworthy(first);
        BodyText.isTrustworthy(second);
        BodyText.isTrustworthy(third);

        assertThat(BodyText.isRemembered(first)).isFalse();
        assertThat(BodyText.isRemembered(second)).isTrue();
        assertThat(BodyText.isRemembered(third)).isTrue();
    }

    @Test
    void redactingAnEventForgetsTheBodiesJudgedForIt() {
        String request = new String("{\"password\":\"hunter2-correct-horse\"}".toCharArray());
        String response = new String("{\"ok\":true}".toCharArray());
        assertThat(BodyText.isTrustworthy(request)).isTrue();
        assertThat(BodyText.isTrustworthy(response)).isTrue();

        AuditEvent redacted = Redactor.defaults().redact(event(request, response));

        assertThat(redacted.request().body().content()).doesNotContain("hunter2-correct-horse");
        assertThat(BodyText.isRemembered(request)).isFalse();
        assertThat(BodyText.isRemembered(response)).isFalse();
    }

    @Test
    void theRedactorStillMasksAnUntrustworthyBodyWhenATrustworthyOneWasJudgedBefore() {
        String judged = new String("{\"ok\":true}".toCharArray());
        assertThat(BodyText.isTrustworthy(judged)).isTrue();
        String spelledWithControls = "{\"p\u0001a\u0001s\u0001s\u0001w\u0001o\u0001r\u0001d\":\"hunter2-correct-horse\"}";

        AuditEvent redacted = Redactor.defaults().redact(event(spelledWithControls, judged));

        assertThat(redacted.request().body().content()).doesNotContain("hunter2");
        assertThat(redacted.request().body().undecodable()).isTrue();
    }

    @Property
    void theMemoNeverChangesAnAnswer(@ForAll("texts") List<String> texts) {
        BodyText.forgetTrusted();
        List<Boolean> fresh = new ArrayList<>();
        for (String text : texts) {
            BodyText.forgetTrusted();
            fresh.add(BodyText.isTrustworthy(text));
        }
        BodyText.forgetTrusted();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < texts.size(); i++) {
                assertThat(BodyText.isTrustworthy(texts.get(i))).isEqualTo(fresh.get(i));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.strings().withChars("ab{}\":\u0000\u0001\u0002\t\n\uFFFD")
                .ofMaxLength(24).list().ofMaxSize(6);
    }

    private static AuditEvent event(String requestBody, String responseBody) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return AuditEvent.builder()
                .timing(now, now, 1_000)
                .request(new AuditRequest("req-1", "POST", "application/json", Map.of(),
                        Body.captured(requestBody.length(), requestBody, false)))
                .response(new AuditResponse(200, "application/json", Map.of(),
                        Body.captured(responseBody.length(), responseBody, false)))
                .url(new UrlInfo("/api", null, "http", "localhost", 8080))
                .build();
    }
}
