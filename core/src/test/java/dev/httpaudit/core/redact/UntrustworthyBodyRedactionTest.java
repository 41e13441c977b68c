package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.json.EventJsonWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A body handed to the redactor as text it cannot trust (built outside the servlet filter,
 * which judges its own captures) is recorded masked whole, never as it came.
 */
class UntrustworthyBodyRedactionTest {

    @Test
    void utf16JsonReadAsUtf8InAnEventBuiltByHandIsMaskedWholeAndMarkedUndecodable() {
        String utf16ReadAsLatin1 = new String("{\"password\":\"q7-secret-marker\"}".getBytes(StandardCharsets.UTF_16BE),
                StandardCharsets.ISO_8859_1);

        AuditEvent out = Redactor.defaults().redact(Events.requestBody(Events.JSON, utf16ReadAsLatin1));

        Body body = out.request().body();
        assertThat(body.content()).isEqualTo("***");
        assertThat(body.undecodable()).isTrue();
        assertThat(EventJsonWriter.instance().toJson(out)).doesNotContain("q7-secret").doesNotContain("s\\u0000e");
    }

    @Test
    void ordinaryTextWithTabsAndLineBreaksIsRedactedAsUsual() {
        AuditEvent out = Redactor.defaults().redact(Events.requestBody(Events.JSON,
                "{\n\t\"item\": \"book\",\r\n\t\"password\": \"q7-secret-marker\"\n}"));

        Body body = out.request().body();
        assertThat(body.undecodable()).isFalse();
        assertThat(body.content()).contains("\"item\": \"book\"").contains("\"password\": \"***\"");
    }
}
