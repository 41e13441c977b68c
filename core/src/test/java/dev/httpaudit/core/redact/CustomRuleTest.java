package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomRuleTest {

    private static AuditEvent withUserAndText(String userName, String text, String error) {
        return Events.base()
                .user(new UserInfo(userName, List.of()))
                .request(new AuditRequest("r", "POST", Events.FORM, Map.of(),
                        Body.captured(20, "password=S3cr3tPw", false)))
                .response(new AuditResponse(500, Events.TEXT, Map.of(), Body.captured(text.length(), text, false)))
                .error(new ErrorInfo("E", error))
                .build();
    }

    @Test
    void customRulesRunAfterBuiltInsAndTheirValuesAreScrubbedFromFreeText() {
        List<String> seenByRule = new ArrayList<>();
        RedactionRule maskUser = (event, masked) -> {
            seenByRule.add(Events.requestContent(event));
            masked.add(event.user().name());
            return event.withUser(new UserInfo("***", event.user().roles()));
        };
        Redactor redactor = Redactor.of(RedactionPolicy.builder().rule(maskUser).build());

        AuditEvent out = redactor.redact(withUserAndText("alice.smith", "hello alice.smith", "alice.smith: S3cr3tPw"));

        assertThat(seenByRule).containsExactly("password=***");
        assertThat(out.user().name()).isEqualTo("***");
        assertThat(Events.responseContent(out)).isEqualTo("hello ***");
        assertThat(out.error().message()).isEqualTo("***: ***");
    }

    @Test
    void rulesRunInTheOrderAdded() {
        List<String> order = new ArrayList<>();
        Redactor redactor = Redactor.of(RedactionPolicy.builder()
                .rule((e, m) -> {
                    order.add("first");
                    return e;
                })
                .rule((e, m) -> {
                    order.add("second");
                    return e;
                })
                .build());

        redactor.redact(withUserAndText("bob", "t", "e"));

        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void aFailingRuleFailsTheRedactionWithoutQuotingItsMessage() {
        Redactor redactor = Redactor.of(RedactionPolicy.builder()
                .rule((e, m) -> {
                    throw new IllegalStateException("could not mask S3cr3t-value");
                })
                .build());

        assertThatThrownBy(() -> redactor.redact(withUserAndText("bob", "some text", "an error")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("S3cr3t-value");
    }

    @Test
    void aRuleReturningNullIsTreatedAsFailed() {
        Redactor redactor = Redactor.of(RedactionPolicy.builder().rule((e, m) -> null).build());

        assertThatThrownBy(() -> redactor.redact(withUserAndText("bob", "some text", "an error")))
                .isInstanceOf(IllegalStateException.class);
    }
}
