package dev.httpaudit.bench;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.kafka.KafkaAuditSink;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Load figures of the Kafka sink against a running broker (benchmarks/kafka-load.sh starts
 * one): the events per second it sustains, from the first {@code write} until
 * {@code close()} has every record acknowledged, and the time one {@code write} takes on the
 * calling (request) thread while the producer's buffer has room. The event is the one
 * http-audit makes for {@link Exchanges#order} (about 6 KiB of JSON).
 *
 * <p>Arguments: bootstrap servers, then optionally rounds (default 5) and events per round
 * (default 50,000). Prints one line per round and a summary.
 */
public final class KafkaSinkLoad {

    private KafkaSinkLoad() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        AuditEvent event = ReferenceBenchmark.capturedOrderEvent();
        System.out.printf("event: %d bytes of JSON%n", EventJsonWriter.instance().toJsonBytes(event).length);

        double[] perSecond = new double[rounds];
        double[] p50 = new double[rounds];
        double[] p99 = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            // round -1 warms the JIT up and is not counted
            String topic = "load-" + (round + 1) + "-" + System.nanoTime();
            createTopic(bootstrap, topic);
            perSecond[Math.max(round, 0)] = sustained(bootstrap, topic, event, events);
            long[] writes = requestThreadCost(bootstrap, topic + "-paced", event);
            p50[Math.max(round, 0)] = percentile(writes, 0.50) / 1_000.0;
            p99[Math.max(round, 0)] = percentile(writes, 0.99) / 1_000.0;
            System.out.printf("round %d: %.0f events/s sustained; write() on the calling thread p50 %.1f us, p99 %.1f us%s%n",
                    round + 1, perSecond[Math.max(round, 0)], p50[Math.max(round, 0)], p99[Math.max(round, 0)],
                    round < 0 ? " (warm-up, not counted)" : "");
        }
        System.out.printf("sustained events/s: %s%n", summary(perSecond));
        System.out.printf("write() p50 us: %s%n", summary(p50));
        System.out.printf("write() p99 us: %s%n", summary(p99));
    }

    /** Writes {@code events} as fast as one thread can, then closes: events / (first write .. all acknowledged). */
    private static double sustained(String bootstrap, String topic, AuditEvent event, int events) {
        KafkaAuditSink sink = KafkaAuditSink.builder(bootstrap).topic(topic).startupWait(Duration.ofSeconds(30))
                .closeTimeout(Duration.ofMinutes(2)).producerProperty("max.block.ms", 60_000).build();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            sink.write(event);
        }
        sink.close();
        long nanos = System.nanoTime() - start;
        if (sink.counters().written() != events) {
            throw new IllegalStateException("not all acknowledged: " + sink.counters());
        }
        return events / (nanos / 1e9);
    }

    /** The time of each write() in bursts of 500 that leave the buffer room (waits for the acks between bursts). */
    private static long[] requestThreadCost(String bootstrap, String topic, AuditEvent event) throws Exception {
        createTopic(bootstrap, topic);
        int bursts = 40;
        int burst = 500;
        long[] nanos = new long[bursts * burst];
        try (KafkaAuditSink sink = KafkaAuditSink.builder(bootstrap).topic(topic).startupWait(Duration.ofSeconds(30)).build()) {
            for (int b = 0; b < bursts; b++) {
                for (int i = 0; i < burst; i++) {
                    long t0 = System.nanoTime();
                    sink.write(event);
                    nanos[b * burst + i] = System.nanoTime() - t0;
                }
                long target = (long) (b + 1) * burst;
                while (sink.counters().written() < target) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
        }
        return nanos;
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    /** mean ± half the range, and min .. max. */
    private static String summary(double[] values) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        double mean = Arrays.stream(values).average().orElse(0);
        return String.format("mean %.1f, min %.1f, max %.1f (over %d rounds)", mean, min, max, values.length);
    }
}
