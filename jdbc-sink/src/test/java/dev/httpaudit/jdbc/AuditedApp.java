package dev.httpaudit.jdbc;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.servlet.AuditFilter;
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
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small API on embedded Jetty behind the real audit filter, writing to the sink under test:
 * {@code GET /orders/<id>} (200), {@code POST /orders} (201, echoes the body), {@code GET /fail}
 * (500). The user is the {@code X-User} header; the route the servlet's mapping.
 */
final class AuditedApp implements AutoCloseable {

    /** What the tests send as secrets: none of them may reach a row. */
    static final String SECRET_TOKEN = "tok-9f8e7d6c5b4a";
    static final String SECRET_PASSWORD = "pw-hunter2-Zq81";

    private final Server server;
    private final ServerConnector connector;
    private final AuditPipeline pipeline;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AuditedApp(AuditSink sink) throws Exception {
        pipeline = AuditPipeline.builder(sink).build();
        AuditFilter filter = AuditFilter.builder(pipeline)
                .userResolver(AuditedApp::user)
                .routeResolver(AuditedApp::route)
                .build();
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(filter), "/*", AuditFilter.dispatcherTypes());
        context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
        context.addServlet(new ServletHolder(new FailServlet()), "/fail");
        server.setHandler(context);
        server.start();
    }

    static AuditedApp start(AuditSink sink) throws Exception {
        return new AuditedApp(sink);
    }

    /** GET /orders/{id} with a bearer token and a password in the query. */
    HttpResponse<String> getOrder(int id, String user) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/orders/" + id + "?password=" + SECRET_PASSWORD))
                .header("Authorization", "Bearer " + SECRET_TOKEN)
                .header("X-User", user)
                .header("X-Request-ID", "corr-" + id)
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POST /orders with a JSON body holding a password. */
    HttpResponse<String> postOrder(int id, String user) throws IOException, InterruptedException {
        String body = "{\"id\":" + id + ",\"item\":\"book\",\"password\":\"" + SECRET_PASSWORD + "\"}";
        HttpRequest request = HttpRequest.newBuilder(uri("/orders"))
                .header("Content-Type", "application/json")
                .header("X-User", user)
                .header("X-Request-ID", "corr-" + id)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> fail(String user) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/fail")).header("X-User", user)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    AuditPipeline pipeline() {
        return pipeline;
    }

    /** Stops the server, then closes the pipeline (which closes the sink). */
    @Override
    public void close() throws Exception {
        server.stop();
        pipeline.close();
    }

    private static UserInfo user(HttpServletRequest request) {
        String name = request.getHeader("X-User");
        return name == null ? null : new UserInfo(name, List.of());
    }

    private static String route(HttpServletRequest request) {
        return request.getServletPath().equals("/orders")
                ? (request.getPathInfo() == null || request.getPathInfo().equals("/") ? "/orders" : "/orders/{id}")
                : request.getServletPath();
    }

    private static final class OrdersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().write("{\"order\":\"" + request.getPathInfo().substring(1) + "\",\"status\":\"open\"}");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            response.setStatus(201);
            response.setContentType("application/json");
            response.getWriter().write(new String(body, StandardCharsets.UTF_8).replace(SECRET_PASSWORD, "x"));
        }
    }

    private static final class FailServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(500);
        }
    }
}
