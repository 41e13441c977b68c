package dev.httpaudit.core.pipeline;

import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.httpaudit.core.json.EventJsonWriter;
import dev.httpaudit.core.redact.RedactionPolicy;
import dev.httpaudit.core.redact.Redactor;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Enrich, redact, fit, write: and never throw into the application. */
class AuditPipelineTest {

    private final InMemoryAuditSink memory = InMemoryAuditSink.create();
    private final Logger pipelineLogger = (Logger) LoggerFactory.getLogger(AuditPipeline.class);
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

    @BeforeEach
    void captureReports() {
        reports.start();
        pipelineLogger.addAppender(reports);
        pipelineLogger.setAdditive(false);
    }

    @AfterEach
    void releaseReports() {
        pipelineLogger.detachAppender(reports);
        pipelineLogger.setAdditive(true);
    }

    @Test
    void writesTheEventAndCountsIt() {
        AuditPipeline pipeline = AuditPipeline.of(memory);

        pipeline.emit(SampleEvents.full());
        pipeline.emit(SampleEvents.minimal());

        assertThat(memory.events()).extracting(AuditEvent::id).containsExactly("7f3a9c1e-1042", "7f3a9c1e-1");
        assertThat(pipeline.counters().written()).isEqualTo(2);
        assertThat(pipeline.counters().failed()).isZero();
        assertThat(pipeline.counters().dropped()).isZero();
    }

    @Test
    void headerAddedByAnEnricherIsRedacted() {
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(event -> event.withRequest(event.request().withHeaders(
                        withHeader(event.request().headers(), "Authorization", "Bearer enriched-secret"))))
                .build();

        pipeline.emit(SampleEvents.minimal());

        AuditEvent written = memory.events().get(0);
        assertThat(written.request().headers()).containsEntry("authorization", List.of("***"));
        assertThat(EventJsonWriter.instance().toJson(written)).doesNotContain("enriched-secret");
    }

    @Test
    void requestHeadersAreRedactedByDefault() {
        AuditEvent event = SampleEvents.minimal().withRequest(SampleEvents.minimal().request().withHeaders(
                Map.of("Cookie", List.of("session=abc123"), "X-Api-Key", List.of("k-987"))));

        AuditPipeline.of(memory).emit(event);

        String json = EventJsonWriter.instance().toJson(memory.events().get(0));
        assertThat(json).doesNotContain("abc123", "k-987").contains("\"cookie\":[\"***\"]");
    }

    @Test
    void enrichersRunInTheOrderAddedAndNullMeansUnchanged() {
        List<String> order = new ArrayList<>();
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(event -> {
                    order.add("first");
                    return event.withLabel("tenant", "acme");
                })
                .enricher(event -> {
                    order.add("second");
                    return null;
                })
                .enricher(event -> {
                    order.add("third");
                    return event.withLabel("seen", event.labels().get("tenant"));
                })
                .build();

        pipeline.emit(SampleEvents.minimal());

        assertThat(order).containsExactly("first", "second", "third");
        assertThat(memory.events().get(0).labels()).containsEntry("tenant", "acme").containsEntry("seen", "acme");
    }

    @Test
    void throwingSinkIsCountedAsFailedAndEmitDoesNotThrow() {
        AtomicInteger calls = new AtomicInteger();
        AuditSink flaky = event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("sink down");
            }
            memory.write(event);
        };
        AuditPipeline pipeline = AuditPipeline.of(flaky);

        assertThatCode(() -> pipeline.emit(SampleEvents.full())).doesNotThrowAnyException();
        pipeline.emit(SampleEvents.minimal());

        assertThat(pipeline.counters().failed()).isEqualTo(1);
        assertThat(pipeline.counters().written()).isEqualTo(1);
        assertThat(memory.events()).extracting(AuditEvent::id).containsExactly("7f3a9c1e-1");
    }

    @Test
    void sinkLinkageErrorIsCountedAndNotThrown() {
        AuditPipeline pipeline = AuditPipeline.of(event -> {
            throw new NoClassDefFoundError("net/logstash/Missing");
        });

        assertThatCode(() -> pipeline.emit(SampleEvents.full())).doesNotThrowAnyException();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
    }

    @Test
    void sinkStackOverflowIsCountedAndNotThrown() {
        AuditPipeline pipeline = AuditPipeline.of(event -> {
            throw new StackOverflowError();
        });

        assertThatCode(() -> pipeline.emit(SampleEvents.full())).doesNotThrowAnyException();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
    }

    @Test
    void throwingEnricherIsCountedAndNothingIsWritten() {
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(event -> {
                    throw new IllegalStateException("enricher broke");
                })
                .build();

        assertThatCode(() -> pipeline.emit(SampleEvents.full())).doesNotThrowAnyException();

        assertThat(memory.events()).isEmpty();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
        assertThat(pipeline.counters().written()).isZero();
    }

    @Test
    void enricherStackOverflowIsCountedAndNothingIsWritten() {
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(event -> {
                    throw new StackOverflowError();
                })
                .build();

        assertThatCode(() -> pipeline.emit(SampleEvents.full())).doesNotThrowAnyException();

        assertThat(memory.events()).isEmpty();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
    }

    @Test
    void failingRedactionWritesNothingUnredacted() {
        Redactor broken = Redactor.of(RedactionPolicy.builder()
                .rule((event, masked) -> {
                    throw new IllegalArgumentException("rule broke");
                })
                .build());
        AuditPipeline pipeline = AuditPipeline.builder(memory).redactor(broken).build();

        pipeline.emit(SampleEvents.full());

        assertThat(memory.events()).isEmpty();
        assertThat(pipeline.counters().failed()).isEqualTo(1);
    }

    @Test
    void failureReportNamesTheExceptionTypeButNeverItsMessage() {
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(event -> {
                    throw new IllegalStateException("password=hunter2");
                })
                .build();

        pipeline.emit(SampleEvents.full());
        pipeline.emit(SampleEvents.full());

        assertThat(reports.list).as("failures are reported at a bounded rate").hasSize(1);
        ILoggingEvent report = reports.list.get(0);
        assertThat(report.getFormattedMessage()).contains("java.lang.IllegalStateException")
                .doesNotContain("hunter2");
        assertThat(report.getThrowableProxy()).isNull();
        assertThat(pipeline.counters().failed()).isEqualTo(2);
    }

    @Test
    void eventIsFittedToTheSizeLimitBeforeTheSinkSeesIt() {
        AuditEvent large = SampleEvents.full().withRequest(SampleEvents.full().request()
                .withBody(Body.captured(100_000, "x".repeat(100_000), false)));
        AuditPipeline pipeline = AuditPipeline.builder(memory).maxEventBytes(2048).build();

        pipeline.emit(large);

        AuditEvent written = memory.events().get(0);
        assertThat(EventJsonWriter.instance().sizeOf(written)).isLessThanOrEqualTo(2048);
        assertThat(written.request().body().truncated()).isTrue();
        assertThat(written.request().body().bytes()).isEqualTo(100_000);
    }

    @Test
    void anAsyncSinkInsideACompositeCountsItsOwnDelivery() {
        AsyncAuditSink async = AsyncAuditSink.builder(memory).build();
        AuditPipeline pipeline = AuditPipeline.builder(CompositeAuditSink.of(async)).build();

        pipeline.emit(SampleEvents.minimal());
        pipeline.close();

        // counted once, by the queue's writer when it really wrote, not again on write()'s return
        assertThat(memory.events()).hasSize(1);
        assertThat(pipeline.counters().written()).isEqualTo(1);
        assertThat(pipeline.counters().toString()).contains("written=1", "dropped=0", "failed=0");
    }

    @Test
    void aCompositeOfSinksThatDeliverOnWriteIsCountedOncePerEvent() {
        InMemoryAuditSink other = new InMemoryAuditSink();
        AuditPipeline pipeline = AuditPipeline.builder(CompositeAuditSink.of(memory, other)).build();

        pipeline.emit(SampleEvents.minimal());

        assertThat(pipeline.sink().deliveryCounters()).isEmpty();
        assertThat(pipeline.counters().written()).isEqualTo(1);
    }

    @Test
    void flushAndCloseReachTheSinkAndNeverThrow() {
        List<String> calls = new ArrayList<>();
        AuditSink failing = new AuditSink() {
            @Override
            public void write(AuditEvent event) {
            }

            @Override
            public void flush() {
                calls.add("flush");
                throw new IllegalStateException("flush");
            }

            @Override
            public void close() {
                calls.add("close");
                throw new IllegalStateException("close");
            }
        };
        AuditPipeline pipeline = AuditPipeline.of(failing);

        assertThatCode(pipeline::flush).doesNotThrowAnyException();
        assertThatCode(pipeline::close).doesNotThrowAnyException();
        assertThat(calls).containsExactly("flush", "close");
        assertThat(pipeline.sink()).isSameAs(failing);
    }

    private static Map<String, List<String>> withHeader(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return copy;
    }
}
