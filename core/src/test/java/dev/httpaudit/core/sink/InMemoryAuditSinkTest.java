package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sink users assert on in their own tests. */
class InMemoryAuditSinkTest {

    @Test
    void keepsEventsInTheOrderWritten() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();

        sink.write(SampleEvents.full());
        sink.write(SampleEvents.minimal());

        assertThat(sink.events()).containsExactly(SampleEvents.full(), SampleEvents.minimal());
        assertThat(sink.size()).isEqualTo(2);
    }

    @Test
    void eventsIsAnImmutableSnapshot() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        sink.write(SampleEvents.full());
        List<AuditEvent> snapshot = sink.events();

        sink.write(SampleEvents.minimal());

        assertThat(snapshot).hasSize(1);
        assertThatThrownBy(() -> snapshot.add(SampleEvents.minimal())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void clearForgetsAllEvents() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        sink.write(SampleEvents.full());

        sink.clear();

        assertThat(sink.events()).isEmpty();
        assertThat(sink.size()).isZero();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard: the wait below is an hour
    void awaitEventsReturnsAsSoonAsAnotherThreadWritesEnough() throws Exception {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            sleep(50);
            sink.write(SampleEvents.full());
            sink.write(SampleEvents.minimal());
        });

        List<AuditEvent> events = sink.awaitEvents(2, Duration.ofHours(1));

        assertThat(events).hasSize(2);
        writer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void awaitEventsGivesUpAfterTheTimeoutWithWhatIsThere() throws InterruptedException {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        sink.write(SampleEvents.full());

        long start = System.nanoTime();
        List<AuditEvent> events = sink.awaitEvents(2, Duration.ofMillis(100));

        assertThat(events).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void concurrentWritesAreAllKept() throws Exception {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        CompletableFuture<?>[] writers = new CompletableFuture<?>[8];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    sink.write(SampleEvents.minimal());
                }
            });
        }
        CompletableFuture.allOf(writers).get(10, TimeUnit.SECONDS);

        assertThat(sink.size()).isEqualTo(4000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
