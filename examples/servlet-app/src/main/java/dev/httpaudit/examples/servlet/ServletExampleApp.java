package dev.httpaudit.examples.servlet;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.AuditFilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain servlet application on embedded Tomcat, no Spring: the audit filter is registered by
 * hand and every exchange is printed as one JSON line on standard output.
 *
 * <p>Run from the repository root: {@code ./mvnw -q -pl examples/servlet-app -am -DskipTests package exec:java}.
 * The port is 8080, or the {@code port} system property, or the {@code PORT} environment variable.
 */
public final class ServletExampleApp {

    private static final Logger LOG = LoggerFactory.getLogger("example");

    private ServletExampleApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getProperty("port", System.getenv().getOrDefault("PORT", "8080")));

        // Events go to standard output as JSON lines, after the default redaction.
        AuditPipeline pipeline = AuditPipeline.of(JsonLinesAuditSink.toStream(System.out));
        AuditFilter auditFilter = AuditFilter.builder(pipeline)
                .config(AuditFilterConfig.builder().serviceName("servlet-example").build())
                .build();

        Path baseDir = Files.createTempDirectory("http-audit-example");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer((classes, servletContext) -> {
            auditFilter.register(servletContext);
            addServlets(servletContext);
        }, null);
        tomcat.start();

        int actualPort = tomcat.getConnector().getLocalPort();
        System.err.printf("""
                http-audit servlet example listening on http://localhost:%1$d (audit events are printed below as JSON lines)
                Try:
                  curl -s http://localhost:%1$d/api/hello
                  curl -s -H 'Content-Type: application/json' -H 'Authorization: Bearer s3cret' \\
                       -d '{"item":"book","password":"hunter2"}' http://localhost:%1$d/api/echo
                  curl -s -d 'name=alice&token=abc' 'http://localhost:%1$d/api/form?page=2'
                  curl -s http://localhost:%1$d/api/fail
                Stop with Ctrl+C.
                %n""", actualPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
            } catch (Exception e) {
                // shutting down anyway
            }
            pipeline.close();
        }));
        tomcat.getServer().await();
    }

    private static void addServlets(ServletContext context) {
        context.addServlet("hello", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                LOG.info("saying hello");
                res.setContentType("application/json");
                res.getWriter().print("{\"hello\":\"world\"}");
            }
        }).addMapping("/api/hello");

        context.addServlet("echo", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                byte[] body = req.getInputStream().readAllBytes();
                LOG.info("echoing {} bytes", body.length);
                res.setContentType(req.getContentType() == null ? "application/json" : req.getContentType());
                res.getOutputStream().write(body);
            }
        }).addMapping("/api/echo");

        context.addServlet("form", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/plain;charset=UTF-8");
                res.getWriter().print("hello " + req.getParameter("name") + "\n");
            }
        }).addMapping("/api/form");

        context.addServlet("fail", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException {
                throw new ServletException("wrapped", new IllegalStateException("something broke"));
            }
        }).addMapping("/api/fail");

        context.addServlet("root", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/plain;charset=UTF-8");
                res.getOutputStream().write("Endpoints: GET /api/hello, POST /api/echo, POST /api/form, GET /api/fail\n"
                        .getBytes(StandardCharsets.UTF_8));
            }
        }).addMapping("");
    }
}
