package dev.httpaudit.kafka.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka (controller and broker in one process, this one) on free
 * ports, for tests: one per test class. The broker part can be stopped and started again
 * while the controller keeps running, to play an outage.
 */
public final class KafkaTestBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final TcpForwarder forwarder;

    private KafkaTestBroker(KafkaClusterTestKit cluster, TcpForwarder forwarder) {
        this.cluster = cluster;
        this.forwarder = forwarder;
    }

    /** Formats and starts a fresh cluster in a temporary folder; returns when the broker is ready. */
    public static KafkaTestBroker start() {
        TcpForwarder forwarder = null;
        try {
            // The broker listens on a port of its own (a restart moves it: the test kit binds port
            // 0) and advertises the forwarder's, which stays: clients keep one address throughout.
            KafkaClusterTestKit[] holder = new KafkaClusterTestKit[1];
            forwarder = TcpForwarder.start(() -> boundPort(holder[0]));
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("advertised.listeners", "EXTERNAL://127.0.0.1:" + forwarder.port())
                    .build();
            holder[0] = cluster;
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaTestBroker(cluster, forwarder);
        } catch (Exception e) {
            if (forwarder != null) {
                forwarder.close();
            }
            throw new IllegalStateException("cannot start the test Kafka cluster", e);
        }
    }

    /** {@code host:port} of the broker, the same across {@link #stopBroker()} and {@link #startBroker()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + forwarder.port();
    }

    private static int boundPort(KafkaClusterTestKit cluster) {
        BrokerServer broker = cluster.brokers().values().iterator().next();
        return broker.socketServer().boundPort(ListenerName.normalised("EXTERNAL"));
    }

    /** Creates {@code topic} with {@code partitions} partitions. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    /** Stops the broker (the controller stays up): no client reaches it until {@link #startBroker()}. */
    public void stopBroker() {
        broker().shutdown();
        broker().awaitShutdown();
        forwarder.cutAll();
    }

    /** Starts the stopped broker again and waits until it is ready; clients reach it at the same address. */
    public void startBroker() {
        try {
            broker().startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart the test broker", e);
        }
    }

    /**
     * Every record of {@code topic} from the beginning: polls until at least {@code expected}
     * records came (or {@code timeout} ran out), then once more briefly for any extra
     * (duplicate) records.
     */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    @Override
    public void close() {
        forwarder.close();
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test Kafka cluster", e);
        }
    }
}
