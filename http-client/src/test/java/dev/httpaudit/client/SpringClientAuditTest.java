package dev.httpaudit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;

class SpringClientAuditTest {

    private static Downstream downstream;
    private static final RecordedEvents recorded = new RecordedEvents();
    private static RestClient restClient;
    private static RestTemplate restTemplate;
    private static AuditingClientHttpRequestInterceptor interceptor;

    @BeforeAll
    static void start() throws Exception {
        downstream = Downstream.start();
        interceptor = AuditingClientHttpRequestInterceptor.of(OutgoingCallAuditor.of(recorded.pipeline()));
        restClient = restClient(Duration.ofSeconds(30));
        restTemplate = restTemplate(Duration.ofSeconds(30));
    }

    /** A RestClient on the JDK client, audited. */
    private static RestClient restClient(Duration readTimeout) {
        JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(HttpClient.newHttpClient());
        jdk.setReadTimeout(readTimeout);
        return RestClient.builder().requestFactory(jdk).requestInterceptor(interceptor).build();
    }

    /** A RestTemplate on HttpURLConnection, audited. */
    private static RestTemplate restTemplate(Duration readTimeout) {
        SimpleClientHttpRequestFactory simple = new SimpleClientHttpRequestFactory();
        simple.setReadTimeout(readTimeout);
        RestTemplate template = new RestTemplate(simple);
        template.getInterceptors().add(interceptor);
        return template;
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
    void restClientJsonBodiesAreRecordedWithSecretsMasked() throws Exception {
        String answer = restClient.post().uri(downstream.uri("/json?token=query-secret-1187"))
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer header-secret-3390")
                .body("{\"item\":\"book\",\"password\":\"body-secret-2291\"}")
                .retrieve().body(String.class);

        assertThat(answer).contains(Downstream.RESPONSE_SECRET);
        assertMaskedJsonEvent(recorded.await(1).get(0));
        assertThat(recorded.text()).doesNotContain("query-secret-1187", "header-secret-3390", "body-secret-2291",
                Downstream.RESPONSE_SECRET);
    }

    @Test
    void restTemplateJsonBodiesAreRecordedWithSecretsMasked() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer header-secret-3390");
        String answer = restTemplate.postForObject(downstream.uri("/json?token=query-secret-1187"),
                new org.springframework.http.HttpEntity<>("{\"item\":\"book\",\"password\":\"body-secret-2291\"}", headers),
                String.class);

        assertThat(answer).contains(Downstream.RESPONSE_SECRET);
        assertMaskedJsonEvent(recorded.await(1).get(0));
        assertThat(recorded.text()).doesNotContain("query-secret-1187", "header-secret-3390", "body-secret-2291",
                Downstream.RESPONSE_SECRET);
    }

    private static void assertMaskedJsonEvent(JsonNode event) {
        assertMaskedJsonEvent(event, downstream);
    }

    /** The event of a POST to {@code /json} with the secrets every Spring client test sends, all masked. */
    static void assertMaskedJsonEvent(JsonNode event, Downstream downstream) {
        assertThat(event.at("/network/direction").asString()).isEqualTo("egress");
        assertThat(event.at("/http/request/method").asString()).isEqualTo("POST");
        assertThat(event.at("/http/request/body/content").asString()).isEqualTo("{\"item\":\"book\",\"password\":\"***\"}");
        assertThat(event.at("/http/request/headers/authorization/0").asString()).isEqualTo("***");
        assertThat(event.at("/http/response/body/content").asString())
                .isEqualTo("{\"id\":7,\"password\":\"***\",\"status\":\"new\"}");
        assertThat(event.at("/url/full").asString()).isEqualTo(downstream.uri("/json?token=***").toString());
        assertThat(event.at("/http/response/status_code").asInt()).isEqualTo(200);
    }

    @Test
    void theInboundCorrelationIdGoesDownstreamAndIntoTheEvent() throws Exception {
        MDC.put("request_id", "inbound-id-77");

        restClient.get().uri(downstream.uri("/json")).retrieve().toBodilessEntity();

        assertThat(recorded.await(1).get(0).at("/http/request/id").asString()).isEqualTo("inbound-id-77");
        assertThat(downstream.lastHeaders("/json").get("X-request-id")).containsExactly("inbound-id-77");
    }

    @Test
    void aServerErrorGivesExactlyOneEvent() throws Exception {
        assertThatThrownBy(() -> restClient.get().uri(downstream.uri("/error")).retrieve().body(String.class))
                .isInstanceOf(HttpServerErrorException.class);
        assertThatThrownBy(() -> restTemplate.getForObject(downstream.uri("/error"), String.class))
                .isInstanceOf(HttpServerErrorException.class);

        for (JsonNode event : recorded.await(2)) {
            assertThat(event.at("/http/response/status_code").asInt()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.value());
            assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        }
    }

    @Test
    void aRefusedConnectionGivesExactlyOneEvent() throws Exception {
        int closedPort = Downstream.closedPort();
        String url = "http://127.0.0.1:" + closedPort + "/nothing";

        assertThatThrownBy(() -> restClient.get().uri(url).retrieve().body(String.class))
                .isInstanceOf(ResourceAccessException.class);
        assertThatThrownBy(() -> restTemplate.getForObject(url, String.class))
                .isInstanceOf(ResourceAccessException.class);

        for (JsonNode event : recorded.await(2)) {
            assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
            assertThat(event.at("/error/type").asString()).isNotEmpty();
            assertThat(event.at("/http/response/status_code").isMissingNode()).isTrue();
        }
    }

    @Test
    void aReadTimeoutGivesExactlyOneEvent() throws Exception {
        // the slow endpoint answers after 3 s
        List<Throwable> thrown = List.of(
                catchThrowable(() -> restClient(Duration.ofMillis(300)).get().uri(downstream.uri("/slow")).retrieve()
                        .body(String.class)),
                catchThrowable(() -> restTemplate(Duration.ofMillis(300)).getForObject(downstream.uri("/slow"), String.class)));

        List<JsonNode> events = recorded.await(2);
        for (int i = 0; i < 2; i++) {
            assertThat(thrown.get(i)).isInstanceOf(ResourceAccessException.class)
                    .satisfies(failure -> assertThat(Failures.chain(failure)).anyMatch(
                            cause -> cause.getClass().getSimpleName().contains("Timeout")));
            JsonNode event = events.get(i);
            assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
            // the root cause, as inbound: the JDK client sometimes chains the closed connection under its timeout
            assertThat(event.at("/error/type").asString()).isEqualTo(Failures.rootCause(thrown.get(i)).getClass().getName());
        }
    }

    @Test
    void aStreamedResponseIsReadIncrementallyThroughRestClient() throws Exception {
        downstream.firstChunkRead = new CountDownLatch(1);

        String whole = restClient.get().uri(downstream.uri("/stream")).exchange((request, response) -> {
            InputStream body = response.getBody();
            String first = new String(body.readNBytes(6), StandardCharsets.UTF_8);
            assertThat(recorded.events()).as("no event before the body ended").isEmpty();
            downstream.firstChunkRead.countDown();
            return first + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        });

        assertThat(whole).isEqualTo("first;second");
        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/http/response/body/content").asString()).isEqualTo("first;second");
    }
}
