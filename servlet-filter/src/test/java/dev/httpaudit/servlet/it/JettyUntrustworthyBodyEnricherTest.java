package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.AuditFilterConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The filter judges whether a captured body's text can be redacted ({@code
 * BodyText.isTrustworthy}) before the pipeline, not only in the Redactor: enrichers run
 * before redaction, and one that copied the text of such a body (UTF-16 read as UTF-8, a NUL
 * after every letter) into a label would put the password beyond the Redactor's reach (no name
 * rule sees a name spelled with NULs, and no value of that body is recorded to scrub).
 */
class JettyUntrustworthyBodyEnricherTest {

    @Test
    void anEnricherNeverSeesTheTextOfABodyThatCannotBeRedacted() throws Exception {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        AtomicReference<String> seen = new AtomicReference<>();
        AuditPipeline pipeline = AuditPipeline.builder(sink)
                .enricher(event -> {
                    String content = event.request().body() == null ? null : event.request().body().content();
                    seen.set(content);
                    return content == null ? event : event.withLabel("body_excerpt", content);
                })
                .build();
        AuditFilter filter = AuditFilter.builder(pipeline).config(AuditFilterConfig.builder().build()).build();
        String marker = "Mkqzhvxwtrplmn";
        byte[] body = ("password=" + marker).getBytes(StandardCharsets.UTF_16LE);
        try (EmbeddedServer server = new JettyServer()) {
            server.start((classes, context) -> {
                filter.register(context, "audit");
                context.addServlet("/echo", new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                        byte[] in = req.getInputStream().readAllBytes();
                        res.setContentType("text/plain");
                        res.getOutputStream().write(in);
                    }
                }).addMapping("/echo");
            });
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);

            List<AuditEvent> events = sink.awaitEvents(1, Duration.ofSeconds(15));
            AuditEvent event = events.get(0);
            assertThat(event.request().body().undecodable()).isTrue();
            String label = event.labels().get("body_excerpt");
            assertThat(label == null ? "" : label.replaceAll("[\\x00-\\x1F\\uFFFD]", ""))
                    .as("the label an enricher copied from the body").doesNotContain(marker);
            assertThat(seen.get()).as("what the enricher was given").isEqualTo("***");
        }
    }
}
