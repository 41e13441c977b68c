package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.json.EventJsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.ObjectMapper;

/** Whole exchanges: what reaches a sink, and that nothing ever throws. */
class ExchangeRedactionPropertyTest {

    private static final Redactor REDACTOR = Redactor.defaults();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An exchange whose secrets also show up in its error message and a text response. */
    record Exchange(AuditEvent event) {
        @Override
        public String toString() {
            return EventJsonWriter.instance().toJson(event);
        }
    }

    @Provide
    Arbitrary<Exchange> exchanges() {
        return Combinators.combine(JsonRedactionPropertyTest.documents(), ParameterRedactionPropertyTest.pairList(),
                        ParameterRedactionPropertyTest.pairList(), ParameterRedactionPropertyTest.headerSetList(),
                        Arbitraries.of(Events.TEXT, "text/html", "application/xml"), Arbitraries.integers().between(0, 99))
                .as((doc, form, query, headers, textType, pick) -> {
                    // the request body is the JSON document or the form; the response echoes
                    // secrets of the exchange in text, and so does the error message
                    boolean json = pick % 2 == 0;
                    List<String> secrets = new ArrayList<>(json ? doc.secrets() : form.secrets());
                    secrets.addAll(query.secrets());
                    secrets.addAll(headers.secrets());
                    String echoed = secrets.get(pick % secrets.size());
                    String other = secrets.get((pick * 7 + 3) % secrets.size());
                    String text = "<p>rejected " + echoed + " (and " + other + ")</p>";
                    String body = json ? doc.json() : form.text();
                    AuditEvent event = Events.base()
                            .request(new AuditRequest("r", "POST", json ? Events.JSON : Events.FORM, headers.headers(),
                                    Body.captured(body.length(), body, false)))
                            .response(new AuditResponse(400, textType, Map.of("location", List.of("/x?" + query.text())),
                                    Body.captured(text.length(), text, false)))
                            .url(new UrlInfo("/api", query.text(), "https", "h.example", 443))
                            .error(new ErrorInfo("java.lang.IllegalArgumentException",
                                    "bad input " + other + " near " + echoed))
                            .build();
                    return new Exchange(event);
                });
    }

    @Property(tries = 300)
    void noSecretReachesTheSerializedEvent(@ForAll("exchanges") Exchange exchange) {
        AuditEvent out = REDACTOR.redact(exchange.event());

        // event.sequence and event.id may contain 973 by chance: only the exchange's data is checked
        tools.jackson.databind.JsonNode json = MAPPER.readTree(EventJsonWriter.instance().toJson(out));
        String data = json.get("http") + " " + json.get("url") + " " + json.get("error");
        assertThat(data).doesNotContain("S3").doesNotContain("973");
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> jsonish = Arbitraries.strings()
                .withChars("{}[]\":,\\'=&?#<>/ \n\tpasword_tkenpi0123\u0000\uD800é%+;")
                .ofMaxLength(80);
        return Arbitraries.oneOf(jsonish, Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> mimeTypes() {
        return Arbitraries.of(Events.JSON, Events.FORM, Events.TEXT, "application/xml", "application/x-ndjson",
                "application/vnd.x+json; charset=utf-8", "", "json", "text/", "/");
    }

    @Property(tries = 500)
    void redactionNeverThrowsAndAlwaysGivesAnEvent(@ForAll("noise") String content, @ForAll("noise") String query,
                                                   @ForAll("noise") String header, @ForAll("noise") String message,
                                                   @ForAll("mimeTypes") String mimeType, @ForAll boolean truncated,
                                                   @ForAll boolean reconstructed) {
        AuditEvent event = Events.base()
                .request(new AuditRequest("r", "POST", mimeType, Map.of("referer", List.of(header),
                        "authorization", List.of(header), "x-any", List.of(header)),
                        new Body(9L, content, truncated, reconstructed, true)))
                .response(new AuditResponse(500, mimeType, Map.of("location", List.of(header)),
                        Body.captured(content.length(), content, truncated)))
                .url(new UrlInfo("/p", query, "http", "h", 80))
                .error(new ErrorInfo("E", message))
                .build();

        AuditEvent out = REDACTOR.redact(event);

        assertThat(out).isNotNull();
        assertThat(out.request().body().truncated()).isEqualTo(truncated || out.request().body().truncated());
        EventJsonWriter.instance().toJson(out);
    }
}
