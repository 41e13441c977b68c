package dev.httpaudit.bench;

import com.sun.net.httpserver.HttpServer;
import dev.httpaudit.client.AuditedHttpClient;
import dev.httpaudit.client.AuditingClientHttpRequestInterceptor;
import dev.httpaudit.client.OutgoingCallAuditor;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The per-call overhead of auditing an outgoing call (issue 15): one JSON POST (a 120-byte
 * body with a secret field, a 100-byte JSON answer with one) to the JDK's HTTP server on a
 * loopback port, through the JDK {@code HttpClient} and through {@code RestClient} (on the
 * same JDK client), each {@code plain} and {@code audited} (the decorator or the interceptor,
 * writing every event as a JSON line to a discarding stream: enrich, redact, fit, write).
 * The server runs in the same JVM, so its allocation is in every number alike: the audit's
 * cost per call is {@code audited - plain}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// nodelay: the JDK's HTTP server writes the status line and the body in two segments, and
// with Nagle on each call would wait for the client's delayed ACK (about 40 ms)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
public class OutgoingCallBenchmark {

    private static final String REQUEST = "{\"order\":{\"id\":7,\"item\":\"book\",\"quantity\":2},"
            + "\"card\":{\"holder\":\"alice\",\"password\":\"hunter2\"},\"note\":\"deliver before noon\"}";
    private static final byte[] RESPONSE = ("{\"id\":7,\"status\":\"charged\",\"token\":\"tok_8812\","
            + "\"amount\":{\"value\":1299,\"currency\":\"EUR\"}}").getBytes(StandardCharsets.UTF_8);

    @Param({"plain", "audited"})
    public String mode;

    private HttpServer server;
    private ExecutorService serverThreads;
    private URI uri;
    private HttpClient jdk;
    private RestClient rest;
    private AuditPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        serverThreads = Executors.newFixedThreadPool(2);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/charge", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, RESPONSE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(RESPONSE);
            }
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/charge?page=1");
        HttpClient base = HttpClient.newHttpClient();
        RestClient.Builder restBuilder = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(base));
        if ("audited".equals(mode)) {
            pipeline = AuditPipeline.of(JsonLinesAuditSink.toStream(OutputStream.nullOutputStream()));
            OutgoingCallAuditor auditor = OutgoingCallAuditor.of(pipeline);
            jdk = AuditedHttpClient.wrap(base, auditor);
            restBuilder.requestInterceptor(AuditingClientHttpRequestInterceptor.of(auditor));
        } else {
            jdk = base;
        }
        rest = restBuilder.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pipeline != null) {
            pipeline.close();
        }
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Benchmark
    public String jdkClient() throws IOException, InterruptedException {
        return jdk.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Benchmark
    public String restClient() {
        return rest.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(REQUEST).retrieve().body(String.class);
    }
}
