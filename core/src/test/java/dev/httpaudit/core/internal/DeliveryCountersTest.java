package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryCountersTest {

    @Test
    void counterRecordsAreThreadSafe() throws InterruptedException {
        DeliveryCounters counters = new DeliveryCounters();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counters.recordWritten();
                    counters.recordDropped();
                    counters.recordFailed();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(counters.written()).isEqualTo(80_000);
        assertThat(counters.dropped()).isEqualTo(80_000);
        assertThat(counters.failed()).isEqualTo(80_000);
    }

    @Test
    void summedCountersReadTheirPartsLive() {
        DeliveryCounters a = new DeliveryCounters();
        DeliveryCounters b = new DeliveryCounters();
        SummedCounters sum = new SummedCounters(java.util.List.of(a, b));

        a.recordWritten();
        b.recordWritten();
        b.recordDropped();
        a.recordFailed();

        assertThat(sum.written()).isEqualTo(2);
        assertThat(sum.dropped()).isEqualTo(1);
        assertThat(sum.failed()).isEqualTo(1);
        assertThat(sum.toString()).contains("written=2", "dropped=1", "failed=1");
    }
}
