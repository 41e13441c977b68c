package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.AuditFilterConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Shared set-up of the scenario suite: one embedded server per concrete class (Tomcat or
 * Jetty) running {@link TestApp} with three audit filters (the main one; one trusting the
 * loopback proxy for {@code /proxied/**}; one whose sink and resolver fail, for
 * {@code /fragile/**}), a real HTTP client, and helpers to find the event of a request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditFilterScenarios {

    static final int BODY_LIMIT = 1024;

    final InMemoryAuditSink sink = InMemoryAuditSink.create();
    final ByteArrayOutputStream jsonLines = new ByteArrayOutputStream();
    final ListAppender<ILoggingEvent> appLog = new ListAppender<>();
    AuditPipeline fragilePipeline;
    TestApp app;
    EmbeddedServer server;
    HttpClient client;

    abstract EmbeddedServer newServer();

    @BeforeAll
    void startServer() throws Exception {
        AuditPipeline pipeline = AuditPipeline.of(CompositeAuditSink.of(sink, JsonLinesAuditSink.toStream(jsonLines)));
        AuditFilter main = AuditFilter.builder(pipeline)
                .config(AuditFilterConfig.builder()
                        .excludePaths("/public/**", "*.ico", "/proxied/**", "/fragile/**")
                        .bodyMaxBytes(BODY_LIMIT)
                        .bodyExcludePaths("/secret-body/**")
                        .serviceName("it-service")
                        .build())
                .build();
        AuditFilter proxied = AuditFilter.builder(pipeline)
                .config(AuditFilterConfig.builder()
                        .includePaths("/proxied/**")
                        .trustedProxies("127.0.0.1", "::1", "10.0.0.0/8")
                        .build())
                .build();
        AuditSink failingSink = event -> {
            throw new IllegalStateException("sink down");
        };
        fragilePipeline = AuditPipeline.of(failingSink);
        AuditFilter fragile = AuditFilter.builder(fragilePipeline)
                .config(AuditFilterConfig.builder().includePaths("/fragile/**").build())
                .userResolver(request -> {
                    throw new IllegalStateException("resolver down");
                })
                .routeResolver(request -> {
                    throw new IllegalStateException("route resolver down");
                })
                .build();
        app = new TestApp(List.of(main, proxied, fragile));
        server = newServer();
        server.start(app);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        appLog.start();
        ((Logger) LoggerFactory.getLogger("app")).addAppender(appLog);
    }

    @AfterAll
    void stopServer() throws Exception {
        ((Logger) LoggerFactory.getLogger("app")).detachAppender(appLog);
        server.close();
    }

    @BeforeEach
    void freshLatches() {
        app.resetLatches();
    }

    // ---- helpers ------------------------------------------------------------------------

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static String newId() {
        return "it-" + UUID.randomUUID();
    }

    HttpRequest.Builder request(String pathAndQuery, String id) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
        return id == null ? builder : builder.header("X-Request-ID", id);
    }

    HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery, String id) throws Exception {
        return send(request(pathAndQuery, id).GET());
    }

    /** The one event whose correlation ID is {@code id}, waiting for it to be written. */
    AuditEvent eventFor(String id) {
        return eventMatching(e -> id.equals(e.request().id()));
    }

    AuditEvent eventMatching(Predicate<AuditEvent> predicate) {
        await().atMost(Duration.ofSeconds(15)).until(() -> find(predicate).isPresent());
        return find(predicate).orElseThrow();
    }

    Optional<AuditEvent> find(Predicate<AuditEvent> predicate) {
        return sink.events().stream().filter(predicate).findFirst();
    }

    List<AuditEvent> all(Predicate<AuditEvent> predicate) {
        return sink.events().stream().filter(predicate).toList();
    }

    /**
     * Exactly one event for {@code id}: waits for it, then for the event of a later barrier
     * request, and counts again (a duplicate written at a later end would show up by then).
     */
    AuditEvent exactlyOneEventFor(String id) throws Exception {
        AuditEvent event = eventFor(id);
        String barrier = newId();
        get("/echo?barrier", barrier);
        eventFor(barrier);
        assertThat(all(e -> id.equals(e.request().id()))).hasSize(1);
        return event;
    }

    /** The JSON line the JSON-lines sink wrote for {@code id}. */
    JsonNode jsonLineFor(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jsonLine(id).isPresent());
        return jsonLine(id).orElseThrow();
    }

    private Optional<JsonNode> jsonLine(String id) {
        ObjectMapper mapper = new ObjectMapper();
        String all;
        synchronized (jsonLines) {
            all = jsonLines.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(line -> line.contains(id)).map(mapper::readTree)
                .filter(node -> id.equals(node.path("http").path("request").path("id").asString())).findFirst();
    }

    List<ILoggingEvent> appLogLinesWith(String id) {
        synchronized (appLog) {
            return appLog.list.stream().filter(e -> id.equals(e.getMDCPropertyMap().get("request_id"))).toList();
        }
    }

    /** Opens a raw connection: for clients that go away mid-exchange. */
    Socket rawSocket() throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Closes with a reset (SO_LINGER 0): the server's next read or write fails at once. */
    static void resetConnection(Socket socket) throws Exception {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    static void writeAscii(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static byte[] gunzip(byte[] data) throws Exception {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    static void awaitLatch(java.util.concurrent.CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch reached").isTrue();
    }

    static <T> T join(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    static boolean failed(AuditEvent event) {
        return event.outcome() == Outcome.FAILURE;
    }
}
