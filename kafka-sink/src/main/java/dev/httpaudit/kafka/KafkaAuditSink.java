package dev.httpaudit.kafka;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.DeliveryCounters;
import dev.httpaudit.core.internal.Durations;
import dev.httpaudit.core.internal.FailureReporter;
import dev.httpaudit.core.json.EventJsonWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships each event to an Apache Kafka topic as one record: the value is the event's JSON
 * document, byte for byte the line {@link dev.httpaudit.core.sink.JsonLinesAuditSink} writes
 * (without its {@code \n}; {@code kafka-console-consumer} prints one after each value, so its
 * output is a JSON-lines file); headers {@value #EVENT_ID_HEADER} (the event's id) and
 * {@value #CONTENT_TYPE_HEADER} ({@value #CONTENT_TYPE}); the key is one fixed string per sink,
 * {@code pid@host} by default, so all events of one instance go to one partition and are read
 * in the order they were written.
 *
 * <p>The producer is idempotent with {@code acks=all} and a short {@code max.block.ms}
 * (defaults in {@link Builder}). Delivery, as counted in {@link #counters()}:
 * <ul>
 *   <li>{@code written}: the broker acknowledged the record;</li>
 *   <li>{@code dropped}: refused without trying: the sink was closed, the topic's metadata was
 *       never fetched yet (the broker unreachable since start: {@link #write} then returns at
 *       once instead of waiting for metadata), or the producer's buffer ({@code buffer.memory},
 *       bounded) stayed full for {@code max.block.ms};</li>
 *   <li>{@code failed}: accepted but not acknowledged within {@code delivery.timeout.ms}
 *       (default two minutes), rejected by the broker, or not sent before {@link #close()}'s
 *       timeout.</li>
 * </ul>
 * A broker that goes away once the metadata is known costs nothing at first: records wait in
 * the producer's buffer and are retried, in order, until the broker is back. The idempotent
 * producer keeps retries from writing a record twice; a record can still appear twice when it
 * was written and its acknowledgement lost past the producer's own retries, so consumers
 * de-duplicate on {@code event.id} (header and field).
 *
 * <p>{@link #write} never throws and never reaches the application: failures are counted and
 * reported through the project's rate-limited reporter (one log line a minute, the
 * exception's type only). Kafka's own log lines never become audit events: this is not a log
 * appender, events come only from the audit pipeline, and nothing here logs per event.
 *
 * <p>{@link #flush()} does not wait for acknowledgements (the producer sends continuously;
 * waiting would stall an {@link dev.httpaudit.core.sink.AsyncAuditSink}'s writer for a whole
 * broker outage); {@link #close()} does, up to its close timeout.
 */
public final class KafkaAuditSink implements AuditSink {

    /** The default topic. */
    public static final String DEFAULT_TOPIC = "http-audit";
    /** Header carrying the event's {@code event.id}, UTF-8. */
    public static final String EVENT_ID_HEADER = "event.id";
    /** Header carrying the value's media type. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** The value's media type. */
    public static final String CONTENT_TYPE = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAuditSink.class);
    private static final Header CONTENT_TYPE_HEADER_VALUE =
            new RecordHeader(CONTENT_TYPE_HEADER, CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    /** Pause between two attempts to fetch the topic's metadata while the broker is away. */
    private static final long METADATA_RETRY_MILLIS = 200;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] key;
    private final Duration closeTimeout;
    private final DeliveryCounters counters = new DeliveryCounters();
    /** Records handed to the producer and not yet acknowledged or failed. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final FailureReporter reporter = FailureReporter.to(LOG);
    private final CountDownLatch metadataKnown = new CountDownLatch(1);
    private final Thread metadataFetcher;
    private volatile boolean closed;

    private KafkaAuditSink(Builder builder) {
        this.topic = builder.topic;
        this.key = builder.key.getBytes(StandardCharsets.UTF_8);
        this.closeTimeout = builder.closeTimeout;
        this.producer = new KafkaProducer<>(builder.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        this.metadataFetcher = new Thread(this::fetchMetadata, "http-audit-kafka-metadata");
        this.metadataFetcher.setDaemon(true);
        this.metadataFetcher.start();
        try {
            // At start-up, not on a request thread: a reachable broker makes the first events count.
            metadataKnown.await(builder.startupWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A builder for a sink sending to the brokers of {@code bootstrapServers} ({@code host:port,...}). */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Sends one event; returns at once (see the class comment); never throws. */
    @Override
    public void write(AuditEvent event) {
        if (closed || metadataKnown.getCount() > 0) {
            counters.recordDropped();
            if (!closed) {
                report("the Kafka topic's metadata is not known yet (broker unreachable?); audit event dropped",
                        new NotReady(topic));
            }
            return;
        }
        Delivery delivery = new Delivery();
        try {
            byte[] value = EventJsonWriter.instance().toJsonBytes(event);
            List<Header> headers = List.of(
                    new RecordHeader(EVENT_ID_HEADER, event.id().getBytes(StandardCharsets.UTF_8)),
                    CONTENT_TYPE_HEADER_VALUE);
            inFlight.incrementAndGet();
            delivery.counted = true;
            producer.send(new ProducerRecord<>(topic, null, key, value, headers), delivery);
        } catch (RuntimeException e) {
            if (delivery.counted) {
                inFlight.decrementAndGet();
            }
            // Only a closed producer or a bug gets here: Kafka passes send-time errors to the callback.
            if (closed) {
                counters.recordDropped();
            } else {
                counters.recordFailed();
                report("could not send an audit event to Kafka", e);
            }
        } finally {
            delivery.returned = true;
        }
    }

    /**
     * Does not wait: the producer sends buffered records on its own within {@code linger.ms}.
     * Waiting for acknowledgements here would hold the caller for a whole broker outage.
     */
    @Override
    public void flush() {
    }

    /**
     * Stops taking events and closes the producer, which sends what it holds and waits for the
     * acknowledgements up to the close timeout; records still unacknowledged then count as
     * failed. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        metadataFetcher.interrupt();
        try {
            producer.close(closeTimeout);
        } catch (RuntimeException e) {
            report("the Kafka producer failed to close", e);
        }
    }

    /**
     * What this sink delivered: written (acknowledged), dropped (refused without trying) and
     * failed (not acknowledged). After {@link #close()}, their sum is the events written to it.
     */
    public AuditCounters counters() {
        return counters;
    }

    /**
     * This sink's {@link #counters()}: {@link #write} only hands the record to the producer,
     * whose acknowledgement comes later, so the pipeline takes these counts instead of its own.
     */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return Optional.of(counters);
    }

    /** Records handed to the producer and not yet acknowledged or failed (its buffer and in-flight requests). */
    @Override
    public OptionalInt queuedEvents() {
        return OptionalInt.of(inFlight.get());
    }

    /** The topic events go to. */
    public String topic() {
        return topic;
    }

    /** The record key of every event of this sink. */
    public String key() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** Whether the topic's metadata was fetched, so that events are being sent. */
    public boolean ready() {
        return metadataKnown.getCount() == 0;
    }

    private void fetchMetadata() {
        while (!closed) {
            try {
                // Blocks up to max.block.ms; on this thread only, never on a request thread.
                producer.partitionsFor(topic);
                metadataKnown.countDown();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
            }
            try {
                Thread.sleep(METADATA_RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void report(String what, Throwable failure) {
        reporter.report(what, failure, counters);
    }

    /** The outcome of one record; runs on the producer's I/O thread, or within send() for a refusal. */
    private final class Delivery implements Callback {
        private final Thread caller = Thread.currentThread();
        private volatile boolean returned;
        /** Whether {@link #inFlight} counted this record (send() may throw before). */
        private boolean counted;

        @Override
        public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
            inFlight.decrementAndGet();
            if (exception == null) {
                counters.recordWritten();
            } else if (!returned && Thread.currentThread() == caller) {
                // Refused inside send(): the buffer stayed full (or the metadata vanished) for max.block.ms.
                counters.recordDropped();
                report("the Kafka producer refused an audit event (buffer full for max.block.ms?); dropped", exception);
            } else {
                counters.recordFailed();
                report("Kafka did not acknowledge an audit event", exception);
            }
        }
    }

    /** Why an event was dropped before the topic's metadata was known; carries no data. */
    private static final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReady(String topic) {
            super("no metadata yet for topic " + topic, null, false, false);
        }
    }

    /** Builds a {@link KafkaAuditSink}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private String key = defaultKey();
        private Duration startupWait = Duration.ofSeconds(2);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private final Map<String, Object> properties = new HashMap<>();

        private Builder(String bootstrapServers) {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrap servers must not be blank");
            }
            this.bootstrapServers = bootstrapServers;
        }

        /** The topic (default {@value KafkaAuditSink#DEFAULT_TOPIC}). */
        public Builder topic(String topic) {
            Objects.requireNonNull(topic, "topic");
            if (topic.isBlank()) {
                throw new IllegalArgumentException("topic must not be blank");
            }
            this.topic = topic;
            return this;
        }

        /**
         * The key of every record (default {@code pid@host} of this JVM): one key per instance
         * keeps an instance's events on one partition, in order.
         */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * How long {@link #build()} waits for the topic's metadata (default 2 s). Events written
         * before it is known are dropped (and counted), so that no request thread waits on it.
         */
        public Builder startupWait(Duration startupWait) {
            this.startupWait = Durations.requireNonNegative("startup wait", startupWait);
            return this;
        }

        /** How long {@link KafkaAuditSink#close()} waits for unacknowledged records (default 10 s). */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Durations.requireNonNegative("close timeout", closeTimeout);
            return this;
        }

        /**
         * A producer setting ({@code security.protocol}, {@code sasl.*}, {@code ssl.*},
         * {@code buffer.memory}, ...), over the sink's defaults; the serializers cannot be set.
         */
        public Builder producerProperty(String name, Object value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Producer settings, as {@link #producerProperty} each. */
        public Builder producerProperties(Map<String, ?> settings) {
            settings.forEach(this::producerProperty);
            return this;
        }

        /**
         * The producer's configuration: {@code bootstrap.servers}, then the defaults
         * {@code acks=all}, {@code enable.idempotence=true}, {@code max.block.ms=1000},
         * {@code linger.ms=5}, {@code batch.size=262144}, {@code client.id=http-audit},
         * {@code metadata.recovery.strategy=none};
         * then the settings given here, which
         * win; the serializers are always the sink's own.
         */
        Map<String, Object> producerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            // An event is several KiB of JSON: Kafka's default batch of 16 KiB would carry two
            // of them per request, and five requests in flight cap the rate at ten per round trip.
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "http-audit");
            // Kafka 4's default, rebootstrap, forgets the topic's metadata when no broker
            // answers: every send of an outage would then wait max.block.ms and be dropped.
            // Keeping the known brokers lets the outage's events wait in the buffer instead.
            config.put(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
            config.putAll(properties);
            config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
            config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
            return config;
        }

        /**
         * Creates the producer and waits up to the startup wait for the topic's metadata. A
         * broker that cannot be reached does not fail this; a bad setting does (Kafka's
         * {@code ConfigException}).
         */
        public KafkaAuditSink build() {
            return new KafkaAuditSink(this);
        }

        private static String defaultKey() {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
