package dev.httpaudit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.kafka.testing.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink against a real in-process KRaft broker that stays up. */
class KafkaAuditSinkTest {

    private static KafkaTestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void tenThousandRequestsThroughTomcatAreAllConsumedAsValidJsonInOrderPerKey() throws Exception {
        String topic = "ten-thousand";
        broker.createTopic(topic, 3);
        // Two instances, each its own server, pipeline and sink (key), fed one request after
        // the other so that its write order is the order of n; both at the same time.
        int perInstance = 5_000;
        List<String> keys = List.of("instance-a", "instance-b");
        List<KafkaAuditSink> sinks = new ArrayList<>();
        List<AuditPipeline> pipelines = new ArrayList<>();
        List<AuditedServer> servers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(keys.size());
        try {
            for (String key : keys) {
                KafkaAuditSink sink = KafkaAuditSink.builder(broker.bootstrapServers()).topic(topic).key(key).build();
                assertThat(sink.ready()).isTrue();
                AuditPipeline pipeline = AuditPipeline.of(sink);
                sinks.add(sink);
                pipelines.add(pipeline);
                servers.add(AuditedServer.start(pipeline));
            }
            List<Future<Integer>> answered = new ArrayList<>();
            for (AuditedServer server : servers) {
                answered.add(clients.submit(() -> server.getAll(0, perInstance)));
            }
            for (Future<Integer> ok : answered) {
                assertThat(ok.get()).isEqualTo(perInstance);
            }
        } finally {
            clients.shutdown();
            for (AuditedServer server : servers) {
                server.close();
            }
            pipelines.forEach(AuditPipeline::close);
        }
        for (KafkaAuditSink sink : sinks) {
            assertThat(sink.counters().written()).isEqualTo(perInstance);
            assertThat(sink.counters().dropped()).isZero();
            assertThat(sink.counters().failed()).isZero();
        }

        List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, 2 * perInstance, Duration.ofSeconds(60));

        assertThat(records).hasSize(2 * perInstance);
        Map<String, List<Integer>> nByKey = new HashMap<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(Records.json(record).path("event").path("kind").asString()).isEqualTo("event");
            String key = Records.key(record);
            nByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(Records.n(record));
            assertThat(partitionOfKey.computeIfAbsent(key, k -> record.partition())).isEqualTo(record.partition());
        }
        assertThat(nByKey).containsOnlyKeys(keys);
        List<Integer> expected = java.util.stream.IntStream.range(0, perInstance).boxed().toList();
        for (String key : keys) {
            // the consumer reads one partition in offset order: the key's events in write order
            assertThat(nByKey.get(key)).as("n of %s in consumed order", key).isEqualTo(expected);
        }
    }

    @Test
    void recordValueIsTheJsonLinesSinkLineAndHeadersCarryEventIdAndContentType() throws Exception {
        String topic = "same-bytes";
        broker.createTopic(topic, 1);
        List<AuditEvent> events = SampleEvents.all();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        JsonLinesAuditSink jsonLines = JsonLinesAuditSink.toStream(lines);
        try (KafkaAuditSink sink = KafkaAuditSink.builder(broker.bootstrapServers()).topic(topic).build()) {
            for (AuditEvent event : events) {
                sink.write(event);
                jsonLines.write(event);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, events.size(), Duration.ofSeconds(30));

        assertThat(records).hasSize(events.size());
        ByteArrayOutputStream consoleConsumerOutput = new ByteArrayOutputStream();
        for (int i = 0; i < events.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            consoleConsumerOutput.write(record.value());
            consoleConsumerOutput.write('\n');
            assertThat(Records.header(record, KafkaAuditSink.EVENT_ID_HEADER)).isEqualTo(events.get(i).id());
            assertThat(Records.header(record, KafkaAuditSink.CONTENT_TYPE_HEADER)).isEqualTo("application/json");
            assertThat(Records.key(record)).isEqualTo(java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
        }
        assertThat(consoleConsumerOutput.toString(StandardCharsets.UTF_8)).isEqualTo(lines.toString(StandardCharsets.UTF_8));
    }

    @Test
    void closeDeliversEverythingWrittenBeforeIt() {
        String topic = "close-flushes";
        broker.createTopic(topic, 1);
        int count = 2_000;
        KafkaAuditSink sink = KafkaAuditSink.builder(broker.bootstrapServers()).topic(topic)
                // a linger far longer than the test and a batch larger than all the events:
                // only close() can have sent them
                .producerProperty("linger.ms", 600_000)
                .producerProperty("batch.size", 8 * 1024 * 1024)
                .build();
        for (int i = 0; i < count; i++) {
            sink.write(SampleEvents.minimal());
        }
        assertThat(sink.counters().written()).isZero();

        sink.close();

        assertThat(sink.counters().written()).isEqualTo(count);
        assertThat(broker.consume(topic, count, Duration.ofSeconds(30))).hasSize(count);
        sink.write(SampleEvents.minimal());
        assertThat(sink.counters().dropped()).as("written after close").isEqualTo(1);
    }
}
