package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.kafka.KafkaAuditSink;
import dev.httpaudit.kafka.testing.KafkaTestBroker;
import dev.httpaudit.spring.testapp.AuditTestApplication;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code http-audit.kafka.bootstrap-servers} against a real in-process KRaft broker: every
 * exchange reaches the topic and the default SLF4J sink, which stays; the topic, key and
 * {@code http-audit.kafka.properties.*} ({@code client.id} here) are the producer's.
 */
@SpringBootTest(classes = AuditTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "http-audit.kafka.topic=" + StarterKafkaTest.TOPIC,
                "http-audit.kafka.key=orders-1",
                "http-audit.kafka.properties.client.id=starter-kafka-test"})
class StarterKafkaTest {

    static final String TOPIC = "starter-audit";
    private static final KafkaTestBroker BROKER;

    static {
        AuditLog.useFolder("StarterKafkaTest");
        BROKER = KafkaTestBroker.start();
        BROKER.createTopic(TOPIC, 2);
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("http-audit.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    AuditPipeline pipeline;

    @Autowired
    KafkaAuditSink kafka;

    @Test
    void everyExchangeReachesTheTopicAndTheSlf4jSinkStays() throws Exception {
        Http http = new Http(port);
        String first = Http.newId();
        String second = Http.newId();
        assertThat(http.postJson("/api/orders", first, "{\"item\":\"pen\"}").statusCode()).isEqualTo(201);
        assertThat(http.get("/api/orders/7", second).statusCode()).isEqualTo(200);

        List<ConsumerRecord<byte[], byte[]>> records = BROKER.consume(TOPIC, 2, Duration.ofSeconds(30));

        assertThat(records).hasSize(2);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = AuditLog.STRICT.readTree(record.value());
            String requestId = event.path("http").path("request").path("id").asString();
            assertThat(requestId).isIn(first, second);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("orders-1");
            // the same exchange, as the SLF4J sink logged it
            JsonNode logLine = AuditLog.audit().awaitRequest(requestId);
            assertThat(logLine.path("event").path("id").asString()).isEqualTo(event.path("event").path("id").asString());
        }
        assertThat(pipeline.sink()).isInstanceOf(CompositeAuditSink.class);
        assertThat(kafka.topic()).isEqualTo(TOPIC);
        assertThat(kafka.counters().written()).isEqualTo(2);
    }

    @Test
    void producerPropertiesArePassedThrough() throws Exception {
        // Kafka registers each producer's metrics under its client.id
        ObjectName metrics = new ObjectName("kafka.producer:type=producer-metrics,client-id=starter-kafka-test");
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(metrics)).isTrue();
        // and not under the sink's default one
        assertThat(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new ObjectName("kafka.producer:type=producer-metrics,client-id=http-audit"))).isFalse();
    }
}
