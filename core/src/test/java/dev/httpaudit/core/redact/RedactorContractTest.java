package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.UrlInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorContractTest {

    private final Redactor redactor = Redactor.defaults();

    @Test
    void nullGivesNull() {
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void anEventWithNothingSensitiveComesBackAsTheSameInstance() {
        AuditEvent event = Events.base()
                .request(new AuditRequest("r", "POST", Events.JSON, Map.of("accept", List.of("*/*")),
                        Body.captured(20, "{\"item\":\"book\",\"qty\":2}", false)))
                .response(new AuditResponse(201, Events.TEXT, Map.of("location", List.of("/orders/7")),
                        Body.captured(7, "created", false)))
                .url(new UrlInfo("/orders", "page=2", "http", "localhost", 8080))
                .error(new ErrorInfo("E", "nothing to see"))
                .labels(Map.of("tenant", "acme"))
                .build();

        assertThat(redactor.redact(event)).isSameAs(event);
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        AuditEvent event = Events.base()
                .request(new AuditRequest("r", "POST", Events.JSON,
                        Map.of("authorization", List.of("Bearer abcdefghijkl"),
                                "referer", List.of("https://x.example/?token=t0k3n&a=1")),
                        Body.captured(40, "{\"password\":\"hunter22\",\"nested\":{\"pin\":1234}}", false)))
                .response(new AuditResponse(400, Events.TEXT, Map.of(),
                        Body.captured(30, "bad password hunter22", false)))
                .url(new UrlInfo("/login", "api_key=k3y&x=1", "http", "localhost", 8080))
                .error(new ErrorInfo("E", "password=hunter22 rejected"))
                .build();

        AuditEvent once = redactor.redact(event);
        AuditEvent twice = redactor.redact(once);

        assertThat(twice).isEqualTo(once);
        assertThat(once.request().body().content()).isEqualTo("{\"password\":\"***\",\"nested\":{\"pin\":\"***\"}}");
        assertThat(once.response().body().content()).isEqualTo("bad password ***");
        assertThat(once.error().message()).isEqualTo("password=*** rejected");
        assertThat(once.url().query()).isEqualTo("api_key=***&x=1");
        assertThat(once.request().headers().get("referer")).containsExactly("https://x.example/?token=***&a=1");
    }
}
