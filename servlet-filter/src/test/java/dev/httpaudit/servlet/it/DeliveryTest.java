package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery guarantees through a real server (embedded Jetty) and real HTTP: a failing or
 * slow sink never fails a request, and every event is accounted for as written, dropped or
 * failed.
 */
class DeliveryTest {

    private EmbeddedServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private int start(AuditPipeline pipeline) throws Exception {
        AuditFilter filter = AuditFilter.builder(pipeline).build();
        server = new JettyServer();
        server.start((classes, context) -> {
            filter.register(context);
            context.addServlet("hello", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.setContentType("application/json");
                    resp.getWriter().write("{\"hello\":\"world\"}");
                }
            }).addMapping("/hello");
        });
        return server.port();
    }

    /** Sends {@code count} GETs from 8 client threads; returns how many answered 200 with the body. */
    private int sendAll(int port, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(clients.submit(() -> {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().equals("{\"hello\":\"world\"}")) {
                    ok.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        clients.shutdown();
        return ok.get();
    }

    @Test
    void sinkThatThrowsOnEveryWriteFailsNoRequestAndIsCountedEachTime() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AuditSink broken = event -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("log backend unavailable");
        };
        AuditPipeline pipeline = AuditPipeline.of(broken);
        int port = start(pipeline);

        int ok = sendAll(port, 10_000);

        assertThat(ok).isEqualTo(10_000);
        assertThat(pipeline.counters().failed()).isEqualTo(10_000);
        assertThat(pipeline.counters().written()).isZero();
        assertThat(attempts.get()).isEqualTo(10_000);
    }

    @Test
    void throwingSinkBehindTheAsyncQueueIsCountedByTheWriterThread() throws Exception {
        AsyncAuditSink async = AsyncAuditSink.builder(event -> {
            throw new IllegalStateException("log backend unavailable");
        }).queueCapacity(20_000).build();
        AuditPipeline pipeline = AuditPipeline.of(async);
        int port = start(pipeline);

        int ok = sendAll(port, 2_000);
        pipeline.close();

        assertThat(ok).isEqualTo(2_000);
        assertThat(pipeline.counters().failed()).isEqualTo(2_000);
    }

    @Test
    void slowSinkWithBlockPolicyAndRoomLosesNothing() throws Exception {
        InMemoryAuditSink target = InMemoryAuditSink.create();
        AuditSink slow = event -> {
            sleep(20);
            target.write(event);
        };
        AsyncAuditSink async = AsyncAuditSink.builder(slow).queueCapacity(1_000)
                .overflow(AsyncAuditSink.Overflow.BLOCK).blockTimeout(Duration.ofSeconds(30)).build();
        AuditPipeline pipeline = AuditPipeline.of(async);
        int port = start(pipeline);

        int ok = sendAll(port, 200);
        pipeline.close();

        assertThat(ok).isEqualTo(200);
        assertThat(target.size()).isEqualTo(200);
        assertThat(pipeline.counters().dropped()).isZero();
        assertThat(pipeline.counters().written()).isEqualTo(200);
    }

    @Test
    void slowSinkWithDropPolicyNeverHoldsRequestsAndDropsShowAsSequenceGaps() throws Exception {
        // The sink holds its first event until the test lets go: every later request must
        // complete anyway, so requests cannot be waiting on the sink.
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditSink target = InMemoryAuditSink.create();
        AuditSink stuck = event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            target.write(event);
        };
        AsyncAuditSink async = AsyncAuditSink.builder(stuck).queueCapacity(10).overflow(AsyncAuditSink.Overflow.DROP).build();
        java.util.Set<Long> offered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AuditPipeline pipeline = AuditPipeline.builder(async).enricher(event -> {
            offered.add(event.sequence());
            return event;
        }).build();
        int port = start(pipeline);

        int sent = 500;
        int ok = sendAll(port, sent);
        release.countDown();
        pipeline.close();

        assertThat(ok).isEqualTo(sent);
        long written = pipeline.counters().written();
        long dropped = pipeline.counters().dropped();
        assertThat(written + dropped).isEqualTo(sent);
        // the writer holds one batch and the queue ten more: most of the 500 must have been dropped
        assertThat(dropped).isPositive();
        // the sequence numbers missing from what was written are exactly the dropped events
        java.util.Set<Long> writtenSequences = new java.util.HashSet<>();
        target.events().forEach(event -> writtenSequences.add(event.sequence()));
        assertThat(offered).hasSize(sent).containsAll(writtenSequences);
        java.util.Set<Long> missing = new java.util.HashSet<>(offered);
        missing.removeAll(writtenSequences);
        assertThat((long) missing.size()).isEqualTo(dropped);
        assertThat((long) writtenSequences.size()).isEqualTo(written);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
