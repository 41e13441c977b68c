package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.kafka.KafkaAuditSink;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Kafka broker that cannot be reached at start: the application starts and serves, the SLF4J
 * sink logs every exchange, and the Kafka sink's events are counted as dropped, in the sink's
 * counters and the pipeline's (which the metrics publish).
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "http-audit.kafka.startup-wait=200ms")
class StarterKafkaUnreachableTest {

    static {
        AuditLog.useFolder("StarterKafkaUnreachableTest");
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws IOException {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        registry.add("http-audit.kafka.bootstrap-servers", () -> "127.0.0.1:" + nothingListens);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @Autowired
    KafkaAuditSink kafka;

    @Test
    void theApplicationServesAndTheKafkaSinksEventsAreCountedAsDropped() {
        Http http = new Http(port);
        int requests = 5;
        for (int i = 0; i < requests; i++) {
            String id = Http.newId();
            assertThat(http.get("/api/orders/" + i, id).statusCode()).isEqualTo(200);
            AuditLog.audit().awaitRequest(id);
        }

        assertThat(kafka.ready()).isFalse();
        await().untilAsserted(() -> assertThat(kafka.counters().dropped()).isEqualTo(requests));
        assertThat(kafka.counters().written()).isZero();
        assertThat(pipeline.counters().dropped()).isEqualTo(requests);
    }
}
