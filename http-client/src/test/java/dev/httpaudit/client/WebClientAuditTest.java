package dev.httpaudit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

class WebClientAuditTest {

    private static Downstream downstream;
    private static final RecordedEvents recorded = new RecordedEvents();
    private static WebClient webClient;

    @BeforeAll
    static void start() throws Exception {
        downstream = Downstream.start();
        webClient = webClient(Duration.ofSeconds(30));
    }

    /** A WebClient on the JDK client (no Netty), audited. */
    private static WebClient webClient(Duration readTimeout) {
        JdkClientHttpConnector connector = new JdkClientHttpConnector(HttpClient.newHttpClient());
        connector.setReadTimeout(readTimeout);
        return WebClient.builder().clientConnector(connector)
                .filter(AuditingExchangeFilterFunction.of(OutgoingCallAuditor.of(recorded.pipeline())))
                .build();
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
    void jsonBodiesAreRecordedWithSecretsMasked() throws Exception {
        String answer = webClient.post().uri(downstream.uri("/json?token=query-secret-1187"))
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer header-secret-3390")
                .bodyValue("{\"item\":\"book\",\"password\":\"body-secret-2291\"}")
                .retrieve().bodyToMono(String.class).block();

        assertThat(answer).contains(Downstream.RESPONSE_SECRET);
        JsonNode event = recorded.await(1).get(0);
        SpringClientAuditTest.assertMaskedJsonEvent(event, downstream);
        assertThat(event.at("/http/request/headers/content-type/0").asString()).isEqualTo("application/json");
        assertThat(recorded.text()).doesNotContain("query-secret-1187", "header-secret-3390", "body-secret-2291",
                Downstream.RESPONSE_SECRET);
    }

    @Test
    void theCallingThreadsCorrelationIdLinksACallThatRunsOnAnotherThread() throws Exception {
        MDC.put("request_id", "inbound-id-78");

        webClient.get().uri(downstream.uri("/json")).retrieve().toBodilessEntity()
                .publishOn(Schedulers.boundedElastic()).block();

        assertThat(recorded.await(1).get(0).at("/http/request/id").asString()).isEqualTo("inbound-id-78");
        assertThat(downstream.lastHeaders("/json").get("X-request-id")).containsExactly("inbound-id-78");
    }

    @Test
    void aServerErrorGivesExactlyOneEvent() throws Exception {
        assertThatThrownBy(() -> webClient.get().uri(downstream.uri("/error")).retrieve().bodyToMono(String.class)
                .block())
                .isInstanceOf(WebClientResponseException.InternalServerError.class);

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/http/response/status_code").asInt()).isEqualTo(500);
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(event.at("/http/response/body/content").asString()).isEqualTo("{\"error\":\"boom\"}");
    }

    @Test
    void aRefusedConnectionGivesExactlyOneEventAndTheErrorUnchanged() throws Exception {
        int closedPort = Downstream.closedPort();
        String url = "http://127.0.0.1:" + closedPort + "/nothing";
        AtomicReference<Throwable> unaudited = new AtomicReference<>();
        WebClient.builder().clientConnector(new JdkClientHttpConnector()).build().get().uri(url).retrieve()
                .bodyToMono(String.class).doOnError(unaudited::set).onErrorComplete().block();

        assertThatThrownBy(() -> webClient.get().uri(url).retrieve().bodyToMono(String.class).block())
                .isInstanceOf(WebClientRequestException.class)
                .hasRootCauseInstanceOf(Failures.rootCause(unaudited.get()).getClass());

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(event.at("/error/type").asString()).isNotEmpty();
        assertThat(event.at("/http/response/status_code").isMissingNode()).isTrue();
    }

    @Test
    void aReadTimeoutGivesExactlyOneEventWithItsRootCause() throws Exception {
        // the slow endpoint answers after 3 s
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        assertThatThrownBy(() -> webClient(Duration.ofMillis(300)).get().uri(downstream.uri("/slow")).retrieve()
                .bodyToMono(String.class).doOnError(thrown::set).block())
                .isInstanceOf(WebClientRequestException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        // the JDK client sometimes chains the closed connection under its timeout: the event names the root cause
        assertThat(event.at("/error/type").asString()).isEqualTo(Failures.rootCause(thrown.get()).getClass().getName());
        assertThat(event.at("/http/response/status_code").isMissingNode()).isTrue();
    }

    @Test
    void aCallCancelledBeforeItsResponseGivesExactlyOneEvent() throws Exception {
        // the slow endpoint answers after 3 s; Reactor's timeout() cancels the exchange at 200 ms
        assertThatThrownBy(() -> webClient.get().uri(downstream.uri("/slow")).retrieve().bodyToMono(String.class)
                .timeout(Duration.ofMillis(200)).block())
                .hasCauseInstanceOf(TimeoutException.class);

        JsonNode event = recorded.await(1).get(0);
        assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(event.at("/error/type").asString()).isEqualTo(CancellationException.class.getName());
        assertThat(event.at("/http/response/status_code").isMissingNode()).isTrue();
    }

    @Test
    void aStreamedResponseIsReadIncrementally() throws Exception {
        downstream.firstChunkRead = new CountDownLatch(1);
        StringBuilder read = new StringBuilder();
        AtomicReference<String> readWhenFirstChunkArrived = new AtomicReference<>();
        AtomicReference<List<JsonNode>> eventsWhenFirstChunkArrived = new AtomicReference<>();

        webClient.get().uri(downstream.uri("/stream")).retrieve().bodyToFlux(DataBuffer.class)
                .doOnNext(buffer -> {
                    read.append(buffer.toString(StandardCharsets.UTF_8));
                    DataBufferUtils.release(buffer);
                    if (readWhenFirstChunkArrived.get() == null && read.length() >= "first;".length()) {
                        readWhenFirstChunkArrived.set(read.toString());
                        eventsWhenFirstChunkArrived.set(recorded.events());
                        downstream.firstChunkRead.countDown();
                    }
                })
                .blockLast();

        assertThat(readWhenFirstChunkArrived.get()).as("the second chunk is sent only once the first was read")
                .isEqualTo("first;");
        assertThat(eventsWhenFirstChunkArrived.get()).as("no event before the body ended").isEmpty();
        assertThat(read).hasToString("first;second");
        assertThat(recorded.await(1).get(0).at("/http/response/body/content").asString()).isEqualTo("first;second");
    }
}
