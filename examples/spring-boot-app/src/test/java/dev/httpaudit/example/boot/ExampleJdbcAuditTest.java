package dev.httpaudit.example.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The example's H2 option: with {@code http-audit.jdbc.enabled=true} and nothing else (the rest
 * is in its application.properties; only the file moves under target/ here), an exchange
 * becomes a row of {@code http_audit_event} in the H2 database file.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.jdbc.enabled=true",
                "http-audit.jdbc.url=jdbc:h2:file:./target/audit-db/example-jdbc;AUTO_SERVER=TRUE",
                "http-audit.jdbc.flush-interval=20ms"})
class ExampleJdbcAuditTest {

    @Value("${local.server.port}")
    int port;

    @Value("${http-audit.jdbc.url}")
    String url;

    @Test
    void anExchangeBecomesARowOfTheH2File() throws Exception {
        String id = "example-jdbc-" + UUID.randomUUID();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
                        .header("Content-Type", "application/json").header("X-Request-ID", id)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"quantity\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(url).startsWith("jdbc:h2:file:./target/audit-db/");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            try (Connection connection = DriverManager.getConnection(url);
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT method, route, status_code, service_name FROM http_audit_event WHERE correlation_id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("POST");
                    assertThat(row.getString(2)).isEqualTo("/api/orders");
                    assertThat(row.getInt(3)).isEqualTo(201);
                    assertThat(row.getString(4)).isEqualTo("orders");
                }
            }
        });
    }
}
