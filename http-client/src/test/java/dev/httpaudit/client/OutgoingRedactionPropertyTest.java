package dev.httpaudit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Real calls, through both clients, whose secrets sit in a sensitive header, a sensitive
 * query parameter and a sensitive JSON field of the request, and come back in the echoed
 * response body: no secret reaches the JSON the sink wrote, in any field ({@code url.full}
 * included).
 */
class OutgoingRedactionPropertyTest {

    private static Downstream downstream;
    private static final RecordedEvents recorded = new RecordedEvents();
    private static HttpClient jdkClient;
    private static RestClient restClient;

    /** One call's secrets and where they go. */
    record Call(String headerName, String headerSecret, String queryName, String querySecret, String fieldName,
                String fieldSecret, boolean viaRestClient) {
    }

    @BeforeContainer
    static void start() throws Exception {
        downstream = Downstream.start();
        OutgoingCallAuditor auditor = OutgoingCallAuditor.of(recorded.pipeline());
        jdkClient = AuditedHttpClient.wrap(HttpClient.newHttpClient(), auditor);
        restClient = RestClient.builder().requestInterceptor(AuditingClientHttpRequestInterceptor.of(auditor)).build();
    }

    @AfterContainer
    static void stop() {
        downstream.close();
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> secrets = Arbitraries.strings().alpha().numeric().ofMinLength(6).ofMaxLength(24)
                .map(s -> "S3" + s);
        return Combinators.combine(
                Arbitraries.of("Authorization", "X-Api-Key", "Cookie", "Proxy-Authorization"), secrets,
                Arbitraries.of("token", "api_key", "access_token", "password", "secret"), secrets,
                Arbitraries.of("password", "secret", "apiKey", "client_secret", "card_number"), secrets,
                Arbitraries.of(true, false))
                .as(Call::new);
    }

    @Property(tries = 60)
    void noSecretOfAnOutgoingCallReachesTheSink(@ForAll("calls") Call call) throws Exception {
        recorded.clear();
        String query = "?page=1&" + call.queryName() + "=" + URLEncoder.encode(call.querySecret(), StandardCharsets.UTF_8);
        String json = "{\"user\":\"alice\",\"" + call.fieldName() + "\":\"" + call.fieldSecret() + "\"}";

        if (call.viaRestClient()) {
            restClient.post().uri(downstream.uri("/echo" + query)).contentType(MediaType.APPLICATION_JSON)
                    .header(call.headerName(), call.headerSecret()).body(json).retrieve().toBodilessEntity();
        } else {
            jdkClient.send(HttpRequest.newBuilder(downstream.uri("/echo" + query))
                    .header("Content-Type", "application/json").header(call.headerName(), call.headerSecret())
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String written = recorded.await(1).get(0).toString();
        assertThat(written).contains("\"user\\\":\\\"alice\\\"").contains("egress")
                .doesNotContain(call.headerSecret(), call.querySecret(), call.fieldSecret());
    }
}
