package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditEventEnricher;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/**
 * The enricher's threading contract, on a real container (see the subclasses): an enricher
 * reading a request attribute and an MDC key from its {@link ExchangeContext} gets them
 * whichever thread emits the event: the request thread, the container's thread completing an
 * async request that the application finished on its own thread, or the filter's deferred-end
 * thread after a {@code sendError} answered by the container's built-in page. The enricher also
 * records what the emitting thread's own MDC held, to show that reading it would have failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EnricherContextSuite {

    private static final String TENANT_ATTRIBUTE = "app.tenant";
    private static final String TENANT_MDC_KEY = "tenant";

    private final InMemoryAuditSink sink = InMemoryAuditSink.create();
    private final ExecutorService appThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "app-worker");
        thread.setDaemon(true);
        return thread;
    });
    private EmbeddedServer server;
    private HttpClient client;

    abstract EmbeddedServer newServer();

    @BeforeAll
    void startServer() throws Exception {
        AuditPipeline pipeline = AuditPipeline.builder(sink)
                .enricher(AuditEventEnricher.withContext(EnricherContextSuite::enrich))
                .build();
        AuditFilter audit = AuditFilter.builder(pipeline).build();
        server = newServer();
        server.start((classes, context) -> {
            EnumSet<DispatcherType> all = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            var tenant = context.addFilter("tenant-mdc", tenantMdcFilter());
            tenant.setAsyncSupported(true);
            tenant.addMappingForUrlPatterns(all, false, "/*");
            audit.register(context);
            servlets(context);
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stopServer() throws Exception {
        appThread.shutdownNow();
        server.close();
    }

    /** Reads the request through the context only, and notes what the emitting thread itself had. */
    private static AuditEvent enrich(AuditEvent event, ExchangeContext context) {
        return event.withLabels(Map.of(
                "tenant_attribute", String.valueOf(context.attribute(TENANT_ATTRIBUTE)),
                "tenant_mdc", String.valueOf(context.mdc().get(TENANT_MDC_KEY)),
                "request_id_mdc", String.valueOf(context.mdc().get("request_id")),
                "correlation_attribute", String.valueOf(context.attribute(AuditFilter.CORRELATION_ID_ATTRIBUTE)),
                "filter_internals_visible", String.valueOf(context.attributeNames().stream()
                        .anyMatch(name -> name.startsWith("dev.httpaudit.servlet."))),
                "emitting_thread_tenant_mdc", String.valueOf(MDC.get(TENANT_MDC_KEY)),
                "emitting_thread", Thread.currentThread().getName()));
    }

    @Test
    void synchronousRequestGivesTheEnricherTheAttributeAndTheMdc() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/sync", id, "acme");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> labels = eventFor(id).labels();
        assertThat(labels).containsEntry("tenant_attribute", "set-for-acme")
                .containsEntry("tenant_mdc", "acme")
                .containsEntry("request_id_mdc", id)
                .containsEntry("correlation_attribute", id)
                .containsEntry("filter_internals_visible", "false");
    }

    @Test
    void asyncRequestCompletedOnAnotherThreadGivesTheEnricherWhatTheRequestThreadHad() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/async", id, "globex");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done on app-worker");
        Map<String, String> labels = eventFor(id).labels();
        assertThat(labels).as("the attribute the application set on its own thread before completing")
                .containsEntry("tenant_attribute", "set-for-globex");
        assertThat(labels).as("the MDC as it was when the request dispatch ended")
                .containsEntry("tenant_mdc", "globex").containsEntry("request_id_mdc", id);
        assertThat(labels).as("the thread that emitted the event had no such MDC")
                .containsEntry("emitting_thread_tenant_mdc", "null");
    }

    @Test
    void deferredEndAfterTheContainersBuiltInErrorPageGivesTheEnricherWhatTheRequestThreadHad() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/send-error", id, "initech");

        assertThat(response.statusCode()).isEqualTo(503);
        AuditEvent event = eventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(503);
        assertThat(event.labels()).as("emitted by the filter's deferred-end thread")
                .containsEntry("emitting_thread", "http-audit-pending-ends")
                .containsEntry("emitting_thread_tenant_mdc", "null");
        assertThat(event.labels()).containsEntry("tenant_attribute", "set-for-initech")
                .containsEntry("tenant_mdc", "initech")
                .containsEntry("request_id_mdc", id);
    }

    // ---- the application ----------------------------------------------------------------

    /** Like a tenant-resolving filter before the audit filter: the tenant in the MDC for the request's dispatches. */
    private static Filter tenantMdcFilter() {
        return (request, response, chain) -> {
            String tenant = ((HttpServletRequest) request).getHeader("X-Tenant");
            MDC.put(TENANT_MDC_KEY, tenant);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(TENANT_MDC_KEY);
            }
        };
    }

    private void servlets(ServletContext context) {
        add(context, "/sync", (req, res) -> {
            req.setAttribute(TENANT_ATTRIBUTE, "set-for-" + req.getHeader("X-Tenant"));
            res.setContentType("text/plain");
            res.getWriter().print("ok");
        });
        add(context, "/async", (req, res) -> {
            AsyncContext async = req.startAsync();
            String tenant = req.getHeader("X-Tenant");
            appThread.execute(() -> {
                try {
                    async.getRequest().setAttribute(TENANT_ATTRIBUTE, "set-for-" + tenant);
                    async.getResponse().setContentType("text/plain");
                    async.getResponse().getWriter().print("done on " + Thread.currentThread().getName());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        });
        add(context, "/send-error", (req, res) -> {
            req.setAttribute(TENANT_ATTRIBUTE, "set-for-" + req.getHeader("X-Tenant"));
            // No error page is mapped for 503: the container writes its own, outside all filters.
            res.sendError(503);
        });
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private static void add(ServletContext context, String path, Handler handler) {
        var registration = context.addServlet(path, new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
                handler.handle(req, res);
            }
        });
        registration.addMapping(path);
        registration.setAsyncSupported(true);
    }

    // ---- helpers ------------------------------------------------------------------------

    private static String newId() {
        return "ctx-" + UUID.randomUUID();
    }

    private HttpResponse<String> get(String path, String id, String tenant) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).header("X-Request-ID", id).header("X-Tenant", tenant).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private AuditEvent eventFor(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.events().stream().anyMatch(e -> id.equals(e.request().id())));
        return sink.events().stream().filter(e -> id.equals(e.request().id())).findFirst().orElseThrow();
    }
}
