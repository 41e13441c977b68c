package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationAndTraceTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4bf92f35-77b3-4da6-a3ce-929d0e0e4736", "01HZX:node_1.a-b"})
    void acceptsShortIdsOfSafeCharacters(String id) {
        assertThat(CorrelationIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "new\nline", "quote\"", "caf\u00e9", "<script>"})
    void rejectsAnythingElse(String id) {
        assertThat(CorrelationIds.isValid(id)).isFalse();
    }

    @Test
    void rejectsIdsLongerThan128Characters() {
        assertThat(CorrelationIds.isValid("a".repeat(128))).isTrue();
        assertThat(CorrelationIds.isValid("a".repeat(129))).isFalse();
    }

    @Test
    void generatesDistinct128BitHexIds() {
        String one = CorrelationIds.generate();
        assertThat(one).matches("[0-9a-f]{32}");
        assertThat(CorrelationIds.generate()).isNotEqualTo(one);
    }

    @Test
    void idsStayDistinctAcrossTheDrawsOfRandomBytes() throws Exception {
        // a thread draws its first ID alone, then 16 at once: 1,000 IDs on each of two threads span many draws
        Callable<List<String>> thousand = () -> IntStream
                .range(0, 1_000).mapToObj(i -> CorrelationIds.generate()).toList();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> there = other.submit(thousand);
            List<String> ids = new ArrayList<>(thousand.call());
            ids.addAll(there.get());

            assertThat(ids).hasSize(2_000).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{32}"));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void readsTheTraceIdOfAValidTraceparent() {
        assertThat(TraceParent.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.traceId("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "garbage"})
    void ignoresAnInvalidTraceparent(String header) {
        assertThat(TraceParent.traceId(header)).isNull();
    }
}
