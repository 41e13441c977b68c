package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one mapping from event to ECS tree, shared by the JSON writer and the SLF4J sink. */
class EcsFieldMappingTest {

    @Test
    void fieldsAreTheDocumentWithoutTheNamesAnEncoderOwns() {
        for (AuditEvent event : SampleEvents.all()) {
            Map<String, Object> document = new LinkedHashMap<>(EcsFieldMapping.document(event));
            document.keySet().removeAll(EcsFieldMapping.ENCODER_OWNED_NAMES);

            assertThat(EcsFieldMapping.fields(event)).isEqualTo(document);
        }
        assertThat(EcsFieldMapping.ENCODER_OWNED_NAMES)
                .containsExactlyInAnyOrder("@timestamp", "message", "service", "process", "log");
    }

    @Test
    void documentStartsWithTimestampAndMessage() {
        Map<String, Object> document = EcsFieldMapping.document(SampleEvents.full());

        assertThat(document.keySet()).startsWith("@timestamp", "message", "ecs", "event");
        assertThat(document.get("@timestamp")).isEqualTo("2026-11-26T10:15:30.123456Z");
        assertThat(document.get("ecs")).isEqualTo(Map.of("version", "9.4.0"));
        assertThat(document.get("service")).isEqualTo(Map.of("name", "orders"));
    }

    @Test
    void everyEventCarriesTheEcsVersionInItsDocumentAndItsFields() {
        for (AuditEvent event : SampleEvents.all()) {
            assertThat(EcsFieldMapping.document(event)).containsEntry("ecs", Map.of("version", EcsFieldMapping.ECS_VERSION));
            assertThat(EcsFieldMapping.fields(event)).containsEntry("ecs", Map.of("version", EcsFieldMapping.ECS_VERSION));
        }
        assertThat(EcsFieldMapping.ECS_VERSION).as("a released ECS version, not a development one")
                .matches("[0-9]+\\.[0-9]+\\.[0-9]+");
    }

    @Test
    void treeHoldsOnlyMapsListsStringsNumbersAndBooleans() {
        for (AuditEvent event : SampleEvents.all()) {
            assertPlainTree(EcsFieldMapping.document(event));
        }
    }

    @Test
    void treeIsNotAViewOfTheEvent() {
        Map<String, Object> fields = EcsFieldMapping.fields(SampleEvents.full());
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) fields.get("user");

        assertThatThrownBy(() -> ((List<Object>) user.get("roles")).add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void timestampsAreUtcWithMicroseconds() {
        assertThat(EcsFieldMapping.timestamp(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(EcsFieldMapping.timestamp(Instant.parse("2026-01-02T03:04:05.123456789Z")))
                .isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(EcsFieldMapping.timestamp(Instant.parse("1999-12-31T23:59:59.9Z")))
                .isEqualTo("1999-12-31T23:59:59.900000Z");
    }

    @Test
    void unpairedSurrogatesAreReplacedAndPairsKept() {
        assertThat(EcsFieldMapping.safe("a\uD83D\uDE00b")).isEqualTo("a\uD83D\uDE00b");
        assertThat(EcsFieldMapping.safe("a\uD83Db")).isEqualTo("a\uFFFDb");
        assertThat(EcsFieldMapping.safe("a\uDE00b")).isEqualTo("a\uFFFDb");
        assertThat(EcsFieldMapping.safe("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
        assertThat(EcsFieldMapping.safe("\uD83D")).isEqualTo("\uFFFD");
        assertThat(EcsFieldMapping.safe("x\uD83D\uD83D\uDE00")).isEqualTo("x\uFFFD\uD83D\uDE00");
        String clean = "plain";
        assertThat(EcsFieldMapping.safe(clean)).isSameAs(clean);
    }

    @SuppressWarnings("unchecked")
    private static void assertPlainTree(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isNotEmpty();
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlainTree(v);
            });
        } else if (value instanceof List<?> list) {
            assertThat(list).isNotEmpty();
            list.forEach(EcsFieldMappingTest::assertPlainTree);
        } else {
            assertThat(value).isNotNull().isInstanceOfAny(String.class, Long.class, Integer.class, Boolean.class);
            if (value instanceof String text) {
                assertThat(text).isNotEmpty();
            }
        }
    }
}
