package dev.httpaudit.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Real exchanges through a real embedded Tomcat, the audit filter, the async queue (so records
 * are written on its writer thread, not the request's) and the sink on the real OpenTelemetry
 * SDK with its in-memory exporter; a JSON-lines sink beside it shows the body is its line.
 * A tracing filter in front of the audit filter continues the inbound W3C trace with the SDK's
 * tracer, as an instrumented application would; under {@code /untraced} it does nothing.
 */
class OpenTelemetryExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryLogRecordExporter LOGS = InMemoryLogRecordExporter.create();
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final ByteArrayOutputStream LINES = new ByteArrayOutputStream();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static OpenTelemetrySdk sdk;
    private static AuditPipeline pipeline;
    private static Tomcat tomcat;
    private static Path base;

    @BeforeAll
    static void start() throws Exception {
        sdk = OpenTelemetrySdk.builder()
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(LOGS)).build())
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                .build();
        pipeline = AuditPipeline.of(AsyncAuditSink.builder(CompositeAuditSink.of(
                JsonLinesAuditSink.toStream(LINES), OpenTelemetryAuditSink.create(sdk))).build());
        AuditFilter audit = AuditFilter.builder(pipeline)
                .traceResolver(request -> {
                    SpanContext current = Span.current().getSpanContext();
                    return current.isValid() ? new TraceInfo(current.getTraceId(), current.getSpanId()) : null;
                })
                .routeResolver(request -> request.getRequestURI().startsWith("/api/orders/") ? "/api/orders/{id}" : null)
                .build();

        base = Files.createTempDirectory("otel-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        org.apache.catalina.Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer((classes, servlets) -> {
            EnumSet<DispatcherType> all = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            servlets.addFilter("tracing", tracingFilter()).addMappingForUrlPatterns(all, false, "/*");
            servlets.addFilter("audit", audit).addMappingForUrlPatterns(all, true, "/*");
            servlets.addServlet("orders", new OrdersServlet()).addMapping("/api/orders/*", "/untraced/*");
            servlets.addServlet("fail", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) {
                    throw new IllegalStateException("order service unavailable");
                }
            }).addMapping("/fail");
        }, null);
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        pipeline.close();
        sdk.close();
    }

    @BeforeEach
    void clear() {
        LOGS.reset();
        SPANS.reset();
        synchronized (LINES) {
            LINES.reset();
        }
    }

    @Test
    void aRealExchangeBecomesARecordWithTheHttpServerAttributes() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders/7?page=2"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "otel-test/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}")));
        assertThat(response.statusCode()).isEqualTo(201);

        LogRecordData record = awaitRecords(1).get(0);
        Map<AttributeKey<?>, Object> attributes = record.getAttributes().asMap();
        assertThat(attributes).contains(
                Map.entry(AttributeKey.stringKey("http.request.method"), "POST"),
                Map.entry(AttributeKey.stringKey("url.path"), "/api/orders/7"),
                Map.entry(AttributeKey.stringKey("url.query"), "page=2"),
                Map.entry(AttributeKey.stringKey("url.scheme"), "http"),
                Map.entry(AttributeKey.stringKey("http.route"), "/api/orders/{id}"),
                Map.entry(AttributeKey.longKey("http.response.status_code"), 201L),
                Map.entry(AttributeKey.stringKey("client.address"), "127.0.0.1"),
                Map.entry(AttributeKey.stringKey("user_agent.original"), "otel-test/1.0"),
                Map.entry(AttributeKey.stringKey("server.address"), "127.0.0.1"),
                Map.entry(AttributeKey.longKey("server.port"), (long) port()),
                Map.entry(AttributeKey.stringKey("network.protocol.version"), "1.1"),
                Map.entry(AttributeKey.longKey("http.request.body.size"), 15L),
                Map.entry(AttributeKey.stringArrayKey("http.request.header.content-type"), List.of("application/json")),
                Map.entry(AttributeKey.stringArrayKey("http.response.header.location"), List.of("/api/orders/7")));
        assertThat((Long) attributes.get(AttributeKey.longKey("client.port"))).isPositive();
        assertThat(attributes).doesNotContainKey(AttributeKey.stringKey("error.type"));
        assertThat(record.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(record.getEventName()).isEqualTo(OpenTelemetryAuditSink.DEFAULT_EVENT_NAME);

        // The body is the JSON-lines sink's line for the same event, byte for byte.
        String line = awaitLine();
        assertThat(record.getBodyValue().asString()).isEqualTo(line);
        JsonNode event = JSON.readTree(line);
        assertThat(attributes.get(AttributeKey.stringKey("log.record.uid"))).isEqualTo(event.path("event").path("id").asString());
        assertThat(event.path("http").path("response").path("body").path("content").asString())
                .isEqualTo("{\"id\":7,\"status\":\"new\"}");
        // The record's time is the exchange's end, not the (later) moment the queue wrote it.
        Instant end = Instant.parse(event.path("event").path("end").asString());
        assertThat(TimeUnit.NANOSECONDS.toMicros(record.getTimestampEpochNanos()))
                .isEqualTo(TimeUnit.SECONDS.toMicros(end.getEpochSecond()) + end.getNano() / 1000);
        assertThat(end).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void theRecordCarriesTheTraceOfTheInboundTraceparentAndTheServersSpan() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpanId = "00f067aa0ba902b7";
        send(HttpRequest.newBuilder(uri("/api/orders/8"))
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01").GET());

        LogRecordData record = awaitRecords(1).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().size() == 1);
        SpanData serverSpan = SPANS.getFinishedSpanItems().get(0);
        assertThat(serverSpan.getTraceId()).isEqualTo(traceId);
        assertThat(serverSpan.getParentSpanId()).isEqualTo(callerSpanId);

        assertThat(record.getSpanContext().getTraceId()).isEqualTo(traceId);
        assertThat(record.getSpanContext().getSpanId()).isEqualTo(serverSpan.getSpanId()).isNotEqualTo(callerSpanId);
    }

    @Test
    void aTraceparentWithoutATracerGivesNoTraceContextButTheBodyKeepsTheTraceId() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        send(HttpRequest.newBuilder(uri("/untraced/9"))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").GET());

        LogRecordData record = awaitRecords(1).get(0);
        assertThat(record.getSpanContext().isValid()).isFalse();
        assertThat(JSON.readTree(record.getBodyValue().asString()).path("trace").path("id").asString()).isEqualTo(traceId);
    }

    @Test
    void anExceptionGivesAnErrorRecordWithItsType() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/fail")).GET()).statusCode()).isEqualTo(500);

        LogRecordData record = awaitRecords(1).get(0);
        assertThat(record.getSeverity()).isEqualTo(Severity.ERROR);
        assertThat(record.getAttributes().get(SemanticAttributes.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
        assertThat(record.getAttributes().get(SemanticAttributes.EXCEPTION_MESSAGE)).isEqualTo("order service unavailable");
        assertThat(record.getAttributes().get(SemanticAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(500L);
    }

    @Test
    void aClientErrorIsAWarningWithoutErrorType() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/orders/404")).GET()).statusCode()).isEqualTo(404);

        LogRecordData record = awaitRecords(1).get(0);
        assertThat(record.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(record.getAttributes().get(SemanticAttributes.ERROR_TYPE)).isNull();
    }

    @Test
    void aSecretSentNeverAppearsInAnyAttributeOrBody() throws Exception {
        List<String> secrets = List.of("q-s3cr3t-7Kd9", "bearer-s3cr3t-Xw2p", "cookie-s3cr3t-Lm4z",
                "pw-s3cr3t-Tq8v", "resp-s3cr3t-Hn5c", "set-cookie-s3cr3t-Rb3y");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders/secret?token=" + secrets.get(0)))
                .header("Authorization", "Bearer " + secrets.get(1))
                .header("Cookie", "session=" + secrets.get(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"password\":\"" + secrets.get(3) + "\"}")));
        // the application saw and answered with them: only the audit trail must not hold them
        assertThat(response.body()).contains(secrets.get(4));
        assertThat(response.headers().firstValue("set-cookie")).hasValueSatisfying(v -> assertThat(v).contains(secrets.get(5)));

        List<LogRecordData> records = awaitRecords(1);
        for (LogRecordData record : records) {
            StringBuilder everything = new StringBuilder(record.getBodyValue().asString());
            record.getAttributes().forEach((key, value) -> everything.append('\n').append(key.getKey()).append('=').append(value));
            everything.append('\n').append(record.getEventName()).append(record.getSeverityText());
            for (String secret : secrets) {
                assertThat(everything.toString()).doesNotContain(secret);
            }
        }
        LogRecordData record = records.get(0);
        // they were there, masked, so the check above looked at the right places
        assertThat(record.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.authorization"))).containsExactly("***");
        assertThat(record.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.cookie"))).containsExactly("***");
        assertThat(record.getAttributes().get(AttributeKey.stringArrayKey("http.response.header.set-cookie"))).containsExactly("***");
        assertThat(record.getAttributes().get(SemanticAttributes.URL_QUERY)).isEqualTo("token=***");
        assertThat(record.getBodyValue().asString()).contains("\\\"password\\\":\\\"***\\\"").contains("\\\"token\\\":\\\"***\\\"");
    }

    /** Continues the inbound W3C trace with a server span, current while the chain runs. */
    private static Filter tracingFilter() {
        TextMapGetter<HttpServletRequest> headers = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(HttpServletRequest request) {
                return Collections.list(request.getHeaderNames());
            }

            @Override
            public String get(HttpServletRequest request, String key) {
                return request == null ? null : request.getHeader(key);
            }
        };
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (http.getRequestURI().startsWith("/untraced/") || http.getDispatcherType() != DispatcherType.REQUEST) {
                chain.doFilter(request, response);
                return;
            }
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), http, headers);
            Span span = sdk.getTracer("test-server").spanBuilder(http.getMethod()).setParent(parent)
                    .setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope ignored = span.makeCurrent()) {
                chain.doFilter(request, response);
            } finally {
                span.end();
            }
        };
    }

    /** {@code /api/orders/{id}}: 201 with a JSON body; {@code 404} is not found; {@code secret} answers secrets. */
    private static final class OrdersServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
            response.setContentType("application/json");
            switch (id) {
                case "404" -> response.sendError(404);
                case "secret" -> {
                    response.addHeader("Set-Cookie", "sid=set-cookie-s3cr3t-Rb3y; HttpOnly");
                    response.getWriter().write("{\"id\":7,\"token\":\"resp-s3cr3t-Hn5c\"}");
                }
                default -> {
                    response.setStatus("POST".equals(request.getMethod()) ? 201 : 200);
                    response.setHeader("Location", "/api/orders/7");
                    response.getWriter().write("{\"id\":7,\"status\":\"new\"}");
                }
            }
        }
    }

    private static List<LogRecordData> awaitRecords(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> LOGS.getFinishedLogRecordItems().size() >= count);
        assertThat(LOGS.getFinishedLogRecordItems()).hasSize(count);
        return LOGS.getFinishedLogRecordItems();
    }

    private static String awaitLine() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (LINES) {
                return LINES.toString(StandardCharsets.UTF_8).endsWith("\n");
            }
        });
        synchronized (LINES) {
            String text = LINES.toString(StandardCharsets.UTF_8);
            return text.substring(0, text.length() - 1);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    private static int port() {
        return tomcat.getConnector().getLocalPort();
    }
}
