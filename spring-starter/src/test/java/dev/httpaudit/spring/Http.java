package dev.httpaudit.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Real HTTP with the JDK client; every request carries a fresh X-Request-ID to find its event by. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    Http(int port) {
        this.port = port;
    }

    static String newId() {
        return "t-" + UUID.randomUUID();
    }

    /** The {@code Authorization} header value of HTTP basic for this user. */
    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path, String requestId) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Request-ID", requestId);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String requestId) {
        return send(request(path, requestId).GET().build());
    }

    HttpResponse<String> postJson(String path, String requestId, String json) {
        return send(request(path, requestId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postForm(String path, String requestId, String form) {
        return send(request(path, requestId).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }
}
