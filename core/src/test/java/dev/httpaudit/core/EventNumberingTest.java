package dev.httpaudit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code event.sequence} and {@code event.id}: numbered at creation, unique, strictly increasing. */
class EventNumberingTest {

    private static AuditEvent build() {
        return AuditEvent.builder()
                .timing(SampleEvents.START, SampleEvents.END, 1)
                .request(new AuditRequest(null, "GET", null, Map.of(), null))
                .response(new AuditResponse(200, null, Map.of(), null))
                .url(new UrlInfo("/", null, "http", "localhost", 80))
                .build();
    }

    @Test
    void sequenceIsUniqueAndStrictlyIncreasingAcrossThreads() throws Exception {
        int threads = 16;
        int perThread = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        long before = build().sequence();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<long[]> task = () -> {
                    start.await();
                    long[] sequences = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        sequences[i] = build().sequence();
                    }
                    return sequences;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<long[]> result : results) {
                long[] sequences = result.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < sequences.length; i++) {
                    assertThat(sequences[i]).as("later in one thread, larger").isGreaterThan(i == 0 ? before : sequences[i - 1]);
                    assertThat(all.add(sequences[i])).as("sequence %d is unique", sequences[i]).isTrue();
                }
            }
            assertThat(all).hasSize(threads * perThread);
            long after = build().sequence();
            assertThat(after).as("an event made after all others has the largest number")
                    .isGreaterThan(all.stream().mapToLong(Long::longValue).max().orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idIsTheInstanceIdAndTheSequence() {
        AuditEvent event = build();

        assertThat(EventNumbering.instanceId()).matches("[0-9a-f]{8}");
        assertThat(event.id()).isEqualTo(EventNumbering.instanceId() + "-" + event.sequence());
        assertThat(build().id()).isNotEqualTo(event.id());
    }

    @Test
    void copiesKeepTheirNumber() {
        AuditEvent event = build();

        AuditEvent copy = event.withLabel("k", "v").withUser(UserInfo.named("bob")).withRoute("/r")
                .withServiceName("svc").withError(new ErrorInfo("T", "m")).withTrace(new TraceInfo("t", "s"))
                .withUrl(event.url().withQuery("q=1"));

        assertThat(copy.sequence()).isEqualTo(event.sequence());
        assertThat(copy.id()).isEqualTo(event.id());
    }
}
