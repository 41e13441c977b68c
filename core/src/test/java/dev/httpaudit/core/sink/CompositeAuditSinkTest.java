package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing sink does not keep the event from the others, and its failure is not hidden. */
class CompositeAuditSinkTest {

    private final List<String> calls = new ArrayList<>();

    private AuditSink recording(String name) {
        return new AuditSink() {
            @Override
            public void write(AuditEvent event) {
                calls.add(name + ".write");
            }

            @Override
            public void flush() {
                calls.add(name + ".flush");
            }

            @Override
            public void close() {
                calls.add(name + ".close");
            }
        };
    }

    private AuditSink failing(String name, RuntimeException failure) {
        return new AuditSink() {
            @Override
            public void write(AuditEvent event) {
                calls.add(name + ".write");
                throw failure;
            }

            @Override
            public void flush() {
                calls.add(name + ".flush");
                throw failure;
            }

            @Override
            public void close() {
                calls.add(name + ".close");
                throw failure;
            }
        };
    }

    @Test
    void writesToEverySinkInOrder() {
        InMemoryAuditSink memory = InMemoryAuditSink.create();
        CompositeAuditSink sink = CompositeAuditSink.of(recording("a"), memory, recording("b"));

        sink.write(SampleEvents.full());

        assertThat(calls).containsExactly("a.write", "b.write");
        assertThat(memory.events()).containsExactly(SampleEvents.full());
        assertThat(sink.sinks()).hasSize(3);
    }

    @Test
    void failingSinkDoesNotStopTheOthersAndItsFailureIsRethrown() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        InMemoryAuditSink memory = InMemoryAuditSink.create();
        CompositeAuditSink sink = CompositeAuditSink.of(
                List.of(failing("x", first), recording("a"), failing("y", second), memory));

        assertThatThrownBy(() -> sink.write(SampleEvents.minimal()))
                .isSameAs(first)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
        assertThat(calls).containsExactly("x.write", "a.write", "y.write");
        assertThat(memory.events()).hasSize(1);
    }

    @Test
    void flushAndCloseReachEverySinkDespiteFailures() {
        RuntimeException failure = new RuntimeException("flush failed");
        CompositeAuditSink sink = CompositeAuditSink.of(failing("x", failure), recording("a"));

        assertThatThrownBy(sink::flush).isSameAs(failure);
        assertThatThrownBy(sink::close).isSameAs(failure);

        assertThat(calls).containsExactly("x.flush", "a.flush", "x.close", "a.close");
    }

    @Test
    void theListOfSinksIsACopy() {
        List<AuditSink> sinks = new ArrayList<>(List.of(recording("a")));
        CompositeAuditSink sink = CompositeAuditSink.of(sinks);
        sinks.add(recording("b"));

        sink.write(SampleEvents.minimal());

        assertThat(calls).containsExactly("a.write");
        assertThatThrownBy(() -> sink.sinks().add(recording("c"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
