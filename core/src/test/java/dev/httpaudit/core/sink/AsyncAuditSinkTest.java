package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.internal.DeliveryCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncAuditSinkTest {

    private static AuditEvent event() {
        Instant now = Instant.now();
        return AuditEvent.builder()
                .timing(now, now, 1)
                .request(new AuditRequest("id", "GET", null, null, null))
                .response(new AuditResponse(200, null, null, null))
                .url(new UrlInfo("/", null, "http", "localhost", 80))
                .build();
    }

    /** A sink that holds every write until the latch opens. */
    private static final class GatedSink implements AuditSink {
        final CountDownLatch gate = new CountDownLatch(1);
        final InMemoryAuditSink written = InMemoryAuditSink.create();

        @Override
        public void write(AuditEvent event) {
            awaitOpen(gate);
            written.write(event);
        }
    }

    /** Waits for the gate; an interrupt (the writer abandoned by close()) fails the write. */
    private static void awaitOpen(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sink that only hands events on, like Kafka's: it counts a delivery when it "acknowledges". */
    private static final class HandingOnSink implements AuditSink {
        final DeliveryCounters own = new DeliveryCounters();
        final List<AuditEvent> handedOn = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void write(AuditEvent event) {
            handedOn.add(event);
        }

        void acknowledge(int delivered, int lost) {
            for (int i = 0; i < delivered; i++) {
                own.recordWritten();
            }
            for (int i = 0; i < lost; i++) {
                own.recordFailed();
            }
        }

        @Override
        public java.util.Optional<AuditCounters> deliveryCounters() {
            return java.util.Optional.of(own);
        }
    }

    @Test
    void aDelegateThatCountsItsOwnDeliveryIsCountedByItsOwnCountsNotByItsReturnedWrites() {
        HandingOnSink later = new HandingOnSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(later).build();

        for (int i = 0; i < 10; i++) {
            sink.write(event());
        }
        await().until(() -> later.handedOn.size() == 10);
        assertThat(sink.counters().written()).as("handed on is not yet written").isZero();

        later.acknowledge(7, 3);
        sink.close();

        assertThat(sink.counters().written()).isEqualTo(7);
        assertThat(sink.counters().failed()).isEqualTo(3);
        assertThat(sink.deliveryCounters()).get().extracting(AuditCounters::written).isEqualTo(7L);
    }

    @Test
    void dropPolicyNeverWaitsAndCountsWhatDidNotFit() {
        GatedSink slow = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(slow).queueCapacity(10).overflow(AsyncAuditSink.Overflow.DROP).build();
        // The writer takes one event and blocks on it; the queue then holds 10 more.
        sink.write(event());
        await().until(() -> sink.queueDepth() == 0);
        for (int i = 0; i < 100; i++) {
            sink.write(event());
        }
        assertThat(sink.counters().dropped()).isEqualTo(90);
        slow.gate.countDown();
        sink.close();
        assertThat(sink.counters().written()).isEqualTo(11);
        assertThat(slow.written.size()).isEqualTo(11);
    }

    @Test
    void droppedEventsLeaveGapsInTheWrittenSequence() {
        GatedSink slow = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(slow).queueCapacity(5).build();
        AuditEvent first = event();
        sink.write(first);
        await().until(() -> sink.queueDepth() == 0);
        List<AuditEvent> offered = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AuditEvent e = event();
            offered.add(e);
            sink.write(e);
        }
        slow.gate.countDown();
        sink.close();
        List<Long> written = slow.written.events().stream().map(AuditEvent::sequence).toList();
        List<Long> expected = new java.util.ArrayList<>();
        expected.add(first.sequence());
        offered.subList(0, 5).forEach(e -> expected.add(e.sequence()));
        assertThat(written).containsExactlyElementsOf(expected);
        long gaps = offered.get(offered.size() - 1).sequence() - offered.get(4).sequence();
        assertThat(gaps).isEqualTo(sink.counters().dropped());
    }

    @Test
    void blockPolicyWaitsForRoomSoNothingIsDropped() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        AuditSink slowish = event -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.incrementAndGet();
        };
        AsyncAuditSink sink = AsyncAuditSink.builder(slowish).queueCapacity(4)
                .overflow(AsyncAuditSink.Overflow.BLOCK).blockTimeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 200; i++) {
            sink.write(event());
        }
        sink.close();
        assertThat(sink.counters().dropped()).isZero();
        assertThat(sink.counters().written()).isEqualTo(200);
        assertThat(writes.get()).isEqualTo(200);
    }

    @Test
    void blockPolicyDropsAfterTheTimeout() {
        GatedSink stuck = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(stuck).queueCapacity(1)
                .overflow(AsyncAuditSink.Overflow.BLOCK).blockTimeout(Duration.ofMillis(1))
                .shutdownTimeout(Duration.ofMillis(10)).build();
        sink.write(event());
        await().until(() -> sink.queueDepth() == 0);
        sink.write(event());
        sink.write(event());
        assertThat(sink.counters().dropped()).isEqualTo(1);
        stuck.gate.countDown();
        sink.close();
    }

    @Test
    void closeDrainsThousandsOfQueuedEvents() {
        GatedSink slow = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(slow).queueCapacity(10_000).build();
        for (int i = 0; i < 5_000; i++) {
            sink.write(event());
        }
        slow.gate.countDown();
        sink.close();
        assertThat(slow.written.size()).isEqualTo(5_000);
        assertThat(sink.counters().written()).isEqualTo(5_000);
        assertThat(sink.counters().dropped()).isZero();
    }

    @Test
    void eventsOfferedAfterCloseAreCountedAsDropped() {
        InMemoryAuditSink target = InMemoryAuditSink.create();
        AsyncAuditSink sink = AsyncAuditSink.builder(target).build();
        sink.close();
        sink.write(event());
        assertThat(sink.counters().dropped()).isEqualTo(1);
        assertThat(target.size()).isZero();
    }

    @Test
    void aThrowingSinkIsCountedAndTheWriterSurvives() {
        AtomicInteger calls = new AtomicInteger();
        AuditSink failing = event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("backend down");
        };
        AsyncAuditSink sink = AsyncAuditSink.builder(failing).build();
        for (int i = 0; i < 1_000; i++) {
            sink.write(event());
        }
        sink.close();
        assertThat(sink.counters().failed()).isEqualTo(1_000);
        assertThat(calls.get()).isEqualTo(1_000);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
    void aHangingSinkIsAbandonedAtTheShutdownTimeoutAndTheRestCounted() {
        GatedSink hanging = new GatedSink();
        AsyncAuditSink sink = AsyncAuditSink.builder(hanging).shutdownTimeout(Duration.ofMillis(50)).build();
        for (int i = 0; i < 10; i++) {
            sink.write(event());
        }
        sink.close();
        // one event was in the writer's hands (failed when interrupted), the rest were queued
        assertThat(sink.counters().dropped() + sink.counters().failed() + sink.counters().written()).isEqualTo(10);
        assertThat(sink.counters().dropped()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void theWriterFlushesTheDelegateAfterABatch() {
        AtomicInteger flushes = new AtomicInteger();
        InMemoryAuditSink target = InMemoryAuditSink.create();
        AuditSink flushing = new AuditSink() {
            @Override
            public void write(AuditEvent event) {
                target.write(event);
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        AsyncAuditSink sink = AsyncAuditSink.builder(flushing).build();
        sink.write(event());
        await().until(() -> flushes.get() >= 1);
        assertThat(target.size()).isEqualTo(1);
        sink.close();
    }

    /** Records how many events each flush() ended; its writes wait for the gate first. */
    private static final class BatchRecordingSink implements AuditSink {
        final List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch gate;
        private int pending;

        BatchRecordingSink(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void write(AuditEvent event) {
            awaitOpen(gate);
            pending++;
        }

        @Override
        public void flush() {
            batches.add(pending);
            pending = 0;
        }

        @Override
        public void close() {
            // the default close() flushes: only the writer's flushes are recorded
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
    void aBatchWaitGathersEventsIntoBatchesOfTheBatchSizeAndCloseSendsTheLastOneWithoutWaiting() {
        BatchRecordingSink batching = new BatchRecordingSink(new CountDownLatch(0));
        // a batch wait far longer than the test: only the batch size, or close(), ends a batch
        AsyncAuditSink sink = AsyncAuditSink.builder(batching).batchSize(5).batchWait(Duration.ofMinutes(10)).build();
        for (int i = 0; i < 12; i++) {
            sink.write(event());
        }
        await().until(() -> batching.batches.size() >= 2);
        assertThat(batching.batches).containsExactly(5, 5);
        sink.close();
        assertThat(batching.batches).containsExactly(5, 5, 2);
        assertThat(sink.counters().written()).isEqualTo(12);
        assertThat(sink.counters().dropped()).isZero();
    }

    @Test
    void withoutABatchWaitTheWriterHandsOnAtMostTheBatchSizeBetweenTwoFlushes() {
        BatchRecordingSink batching = new BatchRecordingSink(new CountDownLatch(1)); // holds the writer until all are queued
        AsyncAuditSink sink = AsyncAuditSink.builder(batching).batchSize(3).build();
        for (int i = 0; i < 10; i++) {
            sink.write(event());
        }
        batching.gate.countDown();
        sink.close();
        assertThat(batching.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        assertThat(batching.batches).allSatisfy(size -> assertThat(size).isBetween(1, 3));
        assertThat(batching.batches.size()).isGreaterThanOrEqualTo(4); // ten events, three at most per batch
    }
}
