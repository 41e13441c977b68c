package dev.httpaudit.kafka.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link KafkaTestBroker} until the JVM is stopped, for the load figures in
 * benchmarks/ (benchmarks/kafka-load.sh): prints {@code bootstrap=host:port} once it is ready.
 */
public final class KafkaTestBrokerMain {

    private KafkaTestBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaTestBroker broker = KafkaTestBroker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("bootstrap=" + broker.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
