package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import org.junit.jupiter.api.Test;

class FormBodyRedactionTest {

    private final Redactor redactor = Redactor.defaults();

    @Test
    void masksFormFieldsByNameKeepingTheRestByteForByte() {
        AuditEvent out = redactor.redact(Events.requestBody(Events.FORM,
                "username=bob&password=hunter%212&newPassword=x+y&remember=on"));

        assertThat(Events.requestContent(out)).isEqualTo("username=bob&password=***&newPassword=***&remember=on");
    }

    @Test
    void masksResponseFormBodiesToo() {
        AuditEvent out = redactor.redact(Events.responseBody(Events.FORM + "; charset=UTF-8",
                "access_token=abc&token_type=bearer&expires_in=3600"));

        assertThat(Events.responseContent(out)).isEqualTo("access_token=***&token_type=***&expires_in=3600");
    }

    @Test
    void masksReconstructedFormsWhateverTheirMimeType() {
        Body body = Body.reconstructedForm("user=bob&pass%77ord=p&card%5Bcvv%5D=123", 40, false);

        AuditEvent out = redactor.redact(Events.requestBody(null, body));

        assertThat(Events.requestContent(out)).isEqualTo("user=bob&pass%77ord=***&card%5Bcvv%5D=***");
        assertThat(out.request().body().reconstructed()).isTrue();
    }

    @Test
    void keepsBodyFlagsAndSize() {
        Body body = Body.captured(100_000, "a=1&secret=s3cr3t", true);

        AuditEvent out = redactor.redact(Events.requestBody(Events.FORM, body));

        assertThat(out.request().body()).isEqualTo(new Body(100_000L, "a=1&secret=***", true, false, true));
    }

    @Test
    void truncatedFormStillMasksThePartialValue() {
        Body body = Body.captured(100_000, "a=1&password=S3cr3tAB", true);

        AuditEvent out = redactor.redact(Events.requestBody(Events.FORM, body));

        assertThat(Events.requestContent(out)).isEqualTo("a=1&password=***");
    }

    @Test
    void formFieldsUseTheParameterList() {
        Redactor custom = Redactor.of(RedactionPolicy.builder().parameters("iban").build());

        AuditEvent out = custom.redact(Events.requestBody(Events.FORM, "iban=DE00&amount=5"));

        assertThat(Events.requestContent(out)).isEqualTo("iban=***&amount=5");
    }

    @Test
    void leavesNullContentAlone() {
        Body body = Body.sizeOnly(12);

        AuditEvent out = redactor.redact(Events.requestBody(Events.FORM, body));

        assertThat(out.request().body()).isSameAs(body);
    }
}
