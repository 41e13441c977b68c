package dev.httpaudit.kafka;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat on a free port, every request audited through {@code pipeline}; {@code GET /hello} answers JSON. */
final class AuditedServer implements AutoCloseable {

    static final String BODY = "{\"hello\":\"world\"}";

    private final Tomcat tomcat;
    private final HttpClient client = HttpClient.newHttpClient();

    private AuditedServer(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    static AuditedServer start(AuditPipeline pipeline) throws Exception {
        Path base = Files.createTempDirectory("kafka-sink-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.toString());
        AuditFilter filter = AuditFilter.builder(pipeline).build();
        context.addServletContainerInitializer((classes, servletContext) -> filter.register(servletContext), null);
        Wrapper hello = Tomcat.addServlet(context, "hello", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/json");
                resp.getWriter().write(BODY);
            }
        });
        hello.addMapping("/hello");
        tomcat.start();
        return new AuditedServer(tomcat);
    }

    /** {@code GET /hello?n=n}; whether it answered 200 with the body. */
    boolean get(int n) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/hello?n=" + n)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().equals(BODY);
    }

    /** Sends {@code GET /hello?n=from} .. {@code n=to-1} one after the other; how many answered 200 with the body. */
    int getAll(int from, int to) throws IOException, InterruptedException {
        int ok = 0;
        for (int n = from; n < to; n++) {
            if (get(n)) {
                ok++;
            }
        }
        return ok;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
