package dev.httpaudit.core.docs;

// tag::sink[]
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts every event as one JSON document to a collector's HTTP endpoint. */
public final class HttpCollectorSink implements AuditSink {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI collector;

    public HttpCollectorSink(URI collector) {
        this.collector = collector;
    }

    @Override
    public void write(AuditEvent event) {
        // The event is already enriched, redacted and cut to max-event-bytes.
        HttpRequest request = HttpRequest.newBuilder(collector)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJsonWriter.instance().toJsonBytes(event)))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                // Thrown, not swallowed: the pipeline counts the event as failed and reports it.
                throw new IllegalStateException("collector answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting an audit event", e);
        }
    }
}
// end::sink[]
