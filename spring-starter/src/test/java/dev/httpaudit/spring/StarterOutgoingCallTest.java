package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.httpaudit.client.AuditingClientHttpRequestInterceptor;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A request served whose handler calls another service through Boot's
 * {@code RestClient.Builder}: two events, ingress and egress, with one correlation ID, which
 * the downstream service received in its header; the outgoing call's secrets are masked.
 * The downstream is the JDK's HTTP server on a free port. spring-boot3-compat reruns it on
 * Boot 3.5, whose customizers are other types.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterOutgoingCallTest {

    static {
        AuditLog.useFolder("StarterOutgoingCallTest");
    }

    private static final Map<String, List<String>> DOWNSTREAM_HEADERS = new ConcurrentHashMap<>();
    private static final HttpServer DOWNSTREAM = startDownstream();

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        registry.add("downstream.url", () -> "http://127.0.0.1:" + DOWNSTREAM.getAddress().getPort());
    }

    @AfterAll
    static void stopDownstream() {
        DOWNSTREAM.stop(0);
    }

    private static HttpServer startDownstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/charge", exchange -> {
                exchange.getRequestBody().readAllBytes();
                DOWNSTREAM_HEADERS.putAll(exchange.getRequestHeaders());
                byte[] body = "{\"status\":\"ok\",\"token\":\"resp-secret-5519\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCallMadeWhileServingIsAuditedWithTheInboundCorrelationId() {
        String id = Http.newId();

        HttpResponse<String> response = new Http(port).postJson("/api/checkout", id, "{\"amount\":12}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"charged\":true");
        JsonNode egress = AuditLog.audit().awaitLine(line -> "egress".equals(line.at("/network/direction").asString(null))
                && id.equals(line.at("/http/request/id").asString(null)));
        JsonNode ingress = AuditLog.audit().awaitLine(line -> "ingress".equals(line.at("/network/direction").asString(null))
                && id.equals(line.at("/http/request/id").asString(null)));
        assertThat(AuditLog.audit().linesFor(id)).hasSize(2);
        assertThat(ingress.at("/url/path").asString()).isEqualTo("/api/checkout");
        assertThat(egress.at("/url/path").asString()).isEqualTo("/charge");
        assertThat(egress.at("/url/full").asString()).endsWith("/charge?api_key=***");
        assertThat(egress.at("/server/port").asInt()).isEqualTo(DOWNSTREAM.getAddress().getPort());
        assertThat(egress.at("/http/request/body/content").asString()).contains("\"cvv\":\"***\"");
        assertThat(egress.at("/http/response/body/content").asString()).contains("\"token\":\"***\"");
        assertThat(DOWNSTREAM_HEADERS.get("X-request-id")).containsExactly(id);
        String written = String.valueOf(AuditLog.audit().linesFor(id));
        assertThat(written).doesNotContain("query-secret-8812", "cvv-secret-613", "resp-secret-5519", "4111111111111111");
    }

    @Test
    void everyRestTemplateBootsBuilderBuildsHasTheInterceptor() throws Exception {
        // by name and reflection: RestTemplateBuilder is another type on Boot 4 and on Boot 3.5 (spring-boot3-compat)
        Object builder = context.getBean("restTemplateBuilder");
        RestTemplate template = (RestTemplate) builder.getClass().getMethod("build").invoke(builder);

        assertThat(template.getInterceptors())
                .containsExactly(context.getBean(AuditingClientHttpRequestInterceptor.class));
    }

    @Test
    void theInterceptorIsABeanToAddToClientsBootDoesNotBuild() {
        assertThat(context.getBeansOfType(AuditingClientHttpRequestInterceptor.class)).hasSize(1);
    }
}
