package dev.httpaudit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.kafka.testing.KafkaTestBroker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Kafka sink when the broker is away: stopped mid-stream and started again, unreachable
 * at start, and a producer buffer that fills. One real broker for the class; every test leaves
 * it running.
 */
class KafkaOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(4);

    private static KafkaTestBroker broker;
    private boolean brokerStopped;

    @BeforeAll
    static void startCluster() {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void closeCluster() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void restartBrokerIfStopped() {
        if (brokerStopped) {
            broker.startBroker();
        }
    }

    @Test
    void brokerStoppedMidStreamLosesNothingBehindTheBlockingQueueAndDuplicatesAreFoundByEventId() throws Exception {
        String topic = "outage";
        broker.createTopic(topic, 1);
        KafkaAuditSink kafka = KafkaAuditSink.builder(broker.bootstrapServers()).topic(topic).build();
        AsyncAuditSink async = AsyncAuditSink.builder(kafka)
                .overflow(AsyncAuditSink.Overflow.BLOCK)
                .blockTimeout(Duration.ofMinutes(1))
                .queueCapacity(512)
                .build();
        AuditPipeline pipeline = AuditPipeline.of(async);
        int before = 1_000;
        int during = 1_000;
        int after = 1_000;
        try (AuditedServer server = AuditedServer.start(pipeline)) {
            assertThat(server.getAll(0, before)).isEqualTo(before);
            long stoppedAt = System.nanoTime();
            stopBroker();
            // requests go on while it is down: their events wait in the producer's buffer
            assertThat(server.getAll(before, before + during)).isEqualTo(during);
            long left = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
            assertThat(kafka.counters().written()).as("acknowledged while the broker was down").isLessThan(before + during);
            startBroker();
            assertThat(server.getAll(before + during, before + during + after)).isEqualTo(after);
        } finally {
            pipeline.close();
        }
        int total = before + during + after;

        List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, total, Duration.ofSeconds(60));

        Map<String, Long> copiesById = records.stream()
                .collect(Collectors.groupingBy(Records::eventId, Collectors.counting()));
        long duplicates = records.size() - copiesById.size();
        System.out.printf("outage: %d records, %d distinct event ids, %d duplicates%n",
                records.size(), copiesById.size(), duplicates);
        assertThat(copiesById).hasSize(total);
        Set<Integer> ns = records.stream().map(Records::n).collect(Collectors.toSet());
        assertThat(ns).hasSize(total).allMatch(n -> n >= 0 && n < total);
        assertThat(kafka.counters().written()).isEqualTo(total);
        assertThat(kafka.counters().dropped()).isZero();
        assertThat(kafka.counters().failed()).isZero();
        assertThat(async.counters().dropped()).isZero();
    }

    @Test
    void brokerUnreachableAtStartTheAppServesEventsAreDroppedAndCountedUntilItComesThenDelivered() throws Exception {
        String topic = "late-broker";
        broker.createTopic(topic, 1);
        stopBroker();
        // Kafka's own log lines of the outage, and the audit logger's lines
        ListAppender<ILoggingEvent> kafkaLines = listen("org.apache.kafka");
        ListAppender<ILoggingEvent> auditLines = listen(Slf4jAuditSink.DEFAULT_LOGGER);
        KafkaAuditSink kafka = KafkaAuditSink.builder(broker.bootstrapServers()).topic(topic)
                .startupWait(Duration.ofMillis(300))
                .build();
        assertThat(kafka.ready()).isFalse();
        AuditPipeline pipeline = AuditPipeline.of(CompositeAuditSink.of(Slf4jAuditSink.builder().build(), kafka));
        int whileDown = 200;
        int afterwards = 300;
        try (AuditedServer server = AuditedServer.start(pipeline)) {
            assertThat(server.getAll(0, whileDown)).isEqualTo(whileDown);
            assertThat(kafka.counters().dropped()).isEqualTo(whileDown);

            startBroker();
            await().atMost(Duration.ofSeconds(30)).until(kafka::ready);
            assertThat(server.getAll(whileDown, whileDown + afterwards)).isEqualTo(afterwards);
        } finally {
            pipeline.close();
        }

        List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, afterwards, Duration.ofSeconds(30));
        assertThat(records.stream().map(Records::n).collect(Collectors.toSet()))
                .isEqualTo(range(whileDown, whileDown + afterwards));
        assertThat(kafka.counters().written()).isEqualTo(afterwards);
        assertThat(kafka.counters().dropped()).isEqualTo(whileDown);
        assertThat(kafka.counters().failed()).isZero();
        // Kafka complained about the missing broker through SLF4J, and none of it became an
        // audit event: the audit logger wrote one line per request, each a request's event.
        assertThat(kafkaLines.list).isNotEmpty();
        assertThat(auditLines.list).hasSize(whileDown + afterwards);
        assertThat(auditLines.list).allMatch(line -> line.getFormattedMessage().contains("/hello"));
    }

    @Test
    void aProducerBufferFullWhileTheBrokerIsDownDropsAndCountsTheRestAndDeliversTheBuffered() {
        String topic = "small-buffer";
        broker.createTopic(topic, 1);
        KafkaAuditSink kafka = KafkaAuditSink.builder(broker.bootstrapServers()).topic(topic)
                .producerProperty("buffer.memory", 32 * 1024)
                .producerProperty("batch.size", 4 * 1024)
                .producerProperty("max.block.ms", 100)
                .build();
        stopBroker();
        int offered = 80;
        for (int i = 0; i < offered; i++) {
            kafka.write(SampleEvents.full());
        }
        assertThat(kafka.counters().dropped()).as("refused: buffer full").isPositive();
        startBroker();
        kafka.close();

        long written = kafka.counters().written();
        assertThat(written).isPositive();
        assertThat(written + kafka.counters().dropped() + kafka.counters().failed()).isEqualTo(offered);
        assertThat(broker.consume(topic, (int) written, Duration.ofSeconds(30))).hasSize((int) written);
    }

    private void stopBroker() {
        broker.stopBroker();
        brokerStopped = true;
    }

    private void startBroker() {
        broker.startBroker();
        brokerStopped = false;
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> set = new HashSet<>();
        for (int i = from; i < to; i++) {
            set.add(i);
        }
        return set;
    }

    private static ListAppender<ILoggingEvent> listen(String loggerName) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
