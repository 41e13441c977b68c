package dev.httpaudit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A 1 GiB download through each client, in a JVM with a 64 MiB heap (this class runs in its
 * own surefire fork, see the pom): a body buffered whole, by the client or by the audit,
 * fails with an {@code OutOfMemoryError}. The event keeps the first 64 KiB and counts all.
 */
class DownloadSmallHeapTest {

    private static final long ONE_GIB = 1L << 30;
    private static final int LIMIT = OutgoingCallAuditor.DEFAULT_BODY_MAX_BYTES;

    private static Downstream downstream;
    private static final RecordedEvents recorded = new RecordedEvents();
    private static OutgoingCallAuditor auditor;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx64m").isLessThan(128L << 20);
        downstream = Downstream.start();
        auditor = OutgoingCallAuditor.of(recorded.pipeline());
    }

    @AfterAll
    static void stop() {
        downstream.close();
    }

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    @Test
    void aGibibyteStreamsThroughTheJdkClientWithTheCaptureCapped() throws Exception {
        HttpClient client = AuditedHttpClient.wrap(HttpClient.newHttpClient(), auditor);

        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(downstream.uri("/download?bytes=" + ONE_GIB)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long read = drain(response.body());

        assertThat(read).isEqualTo(ONE_GIB);
        assertCapped(recorded.await(1).get(0));
    }

    @Test
    void aGibibyteStreamsThroughRestClientWithTheCaptureCapped() throws Exception {
        RestClient client = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
                .requestInterceptor(AuditingClientHttpRequestInterceptor.of(auditor))
                .build();

        long read = client.get().uri(downstream.uri("/download?bytes=" + ONE_GIB))
                .exchange((request, response) -> drain(response.getBody()));

        assertThat(read).isEqualTo(ONE_GIB);
        assertCapped(recorded.await(1).get(0));
    }

    private static long drain(InputStream body) throws java.io.IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    private static void assertCapped(JsonNode event) {
        assertThat(event.at("/http/response/body/bytes").asLong()).isEqualTo(ONE_GIB);
        assertThat(event.at("/http/response/body/truncated").asBoolean()).isTrue();
        assertThat(event.at("/http/response/body/content").asString()).startsWith("[aaa").hasSizeLessThanOrEqualTo(LIMIT);
    }
}
