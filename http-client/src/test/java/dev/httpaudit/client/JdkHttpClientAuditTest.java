package dev.httpaudit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

class JdkHttpClientAuditTest {

    private static Downstream downstream;
    private static final RecordedEvents recorded = new RecordedEvents();
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        downstream = Downstream.start();
        client = AuditedHttpClient.wrap(HttpClient.newHttpClient(), OutgoingCallAuditor.builder(recorded.pipeline())
                .excludePaths(List.of("/excluded/**")).build());
    }

    @AfterAll
    static void stop() {
        downstream.close();
    }

    @BeforeEach
    void clear() {
        recorded.clear();
        MDC.clear();
    }

    @Test
    void jsonBodiesQueryAndHeadersAreRecordedWithSecretsMasked() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(downstream.uri("/json?page=2&api_key=query-secret-5512"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer header-secret-9921")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"password\":\"body-secret-4410\"}"))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(Downstream.RESPONSE_SECRET);
        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/network/direction").asString()).isEqualTo("egress");
        assertThat(event.at("/http/request/method").asString()).isEqualTo("POST");
        assertThat(event.at("/http/request/body/content").asString()).isEqualTo("{\"item\":\"book\",\"password\":\"***\"}");
        assertThat(event.at("/http/request/headers/authorization/0").asString()).isEqualTo("***");
        assertThat(event.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(event.at("/http/response/body/content").asString()).isEqualTo("{\"id\":7,\"password\":\"***\",\"status\":\"new\"}");
        assertThat(event.at("/url/query").asString()).isEqualTo("page=2&api_key=***");
        assertThat(event.at("/url/full").asString()).isEqualTo(downstream.uri("/json?page=2&api_key=***").toString());
        assertThat(event.at("/server/address").asString()).isEqualTo("127.0.0.1");
        assertThat(event.at("/server/port").asInt()).isEqualTo(downstream.uri("/").getPort());
        assertThat(event.at("/event/outcome").asString()).isEqualTo("success");
        assertThat(event.at("/event/duration").asLong()).isPositive();
        assertThat(recorded.text()).doesNotContain("query-secret-5512", "header-secret-9921", "body-secret-4410",
                Downstream.RESPONSE_SECRET);
    }

    @Test
    void theInboundCorrelationIdIsRecordedAndSentDownstreamWithTheTrace() throws Exception {
        MDC.put("request_id", "inbound-id-42");
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("spanId", "00f067aa0ba902b7");

        client.send(HttpRequest.newBuilder(downstream.uri("/json")).build(), HttpResponse.BodyHandlers.discarding());

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/http/request/id").asString()).isEqualTo("inbound-id-42");
        assertThat(event.at("/trace/id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(downstream.lastHeaders("/json").get("X-request-id")).containsExactly("inbound-id-42");
        assertThat(downstream.lastHeaders("/json").get("Traceparent"))
                .containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void aCallOutsideAnyRequestGetsANewCorrelationIdThatGoesDownstream() throws Exception {
        client.send(HttpRequest.newBuilder(downstream.uri("/json")).build(), HttpResponse.BodyHandlers.discarding());

        JsonNode event = recorded.await(1).get(0);
        String id = event.at("/http/request/id").asString();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(downstream.lastHeaders("/json").get("X-request-id")).containsExactly(id);
        assertThat(downstream.lastHeaders("/json")).doesNotContainKey("Traceparent");
    }

    @Test
    void aServerErrorGivesExactlyOneFailureEvent() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(downstream.uri("/error")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/http/response/status_code").asInt()).isEqualTo(500);
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(event.at("/http/response/body/content").asString()).isEqualTo("{\"error\":\"boom\"}");
    }

    @Test
    void aRefusedConnectionGivesExactlyOneEventAndTheExceptionUnchanged() throws Exception {
        int closedPort = Downstream.closedPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/nothing")).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        // the root cause, as for inbound events: the JDK's ConnectException wraps a ClosedChannelException
        assertThat(event.at("/error/type").asString())
                .isIn(ConnectException.class.getName(), java.nio.channels.ClosedChannelException.class.getName());
        assertThat(event.at("/http/response/status_code").isMissingNode()).isTrue();
        assertThat(event.at("/server/port").asInt()).isEqualTo(closedPort);
    }

    @Test
    void aReadTimeoutGivesExactlyOneEvent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(downstream.uri("/slow")).timeout(Duration.ofMillis(200)).build();

        Throwable thrown = catchThrowable(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        assertThat(thrown).isInstanceOf(HttpTimeoutException.class);

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/error/type").asString()).isEqualTo(Failures.rootCause(thrown).getClass().getName());
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
    }

    @Test
    void sendAsyncIsAuditedToo() throws Exception {
        HttpResponse<String> response = client.sendAsync(HttpRequest.newBuilder(downstream.uri("/json")).build(),
                HttpResponse.BodyHandlers.ofString()).get();

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/http/response/body/bytes").asLong()).isEqualTo(response.body().length());
    }

    @Test
    void aStreamedResponseIsReadIncrementallyAndRecordedWhenItEnds() throws Exception {
        downstream.firstChunkRead = new CountDownLatch(1);
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(downstream.uri("/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes(6);
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first;");
            assertThat(recorded.events()).as("no event before the body ended").isEmpty();
            downstream.firstChunkRead.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/http/response/body/content").asString()).isEqualTo("first;second");
        assertThat(event.at("/http/response/body/bytes").asLong()).isEqualTo(12);
    }

    @Test
    void anExcludedPathIsNotAuditedNorLinked() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(downstream.uri("/excluded/x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(recorded.events()).isEmpty();
        assertThat(downstream.lastHeaders("/excluded/x")).isEmpty();
    }
}
