package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Put for a while, restored as it was: the one MDC put-and-restore of http-audit. */
class MdcScopeTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void previousValuesAreRestoredAndAbsentKeysRemovedAgain() {
        MDC.put("request_id", "outer");

        try (MdcScope scope = MdcScope.open().put("request_id", "inner").put("trace_id", "t-1")) {
            assertThat(MDC.get("request_id")).isEqualTo("inner");
            assertThat(MDC.get("trace_id")).isEqualTo("t-1");
            assertThat(scope.changedAnything()).isTrue();
        }

        assertThat(MDC.get("request_id")).isEqualTo("outer");
        assertThat(MDC.getCopyOfContextMap()).doesNotContainKey("trace_id");
    }

    @Test
    void aKeyPutTwiceEndsAsItWasBecauseRestoringGoesInReverseOrder() {
        MDC.put("id", "before");

        try (MdcScope scope = MdcScope.open().put("id", "first").put("id", "second")) {
            assertThat(MDC.get("id")).isEqualTo("second");
        }

        assertThat(MDC.get("id")).isEqualTo("before");
    }

    @Test
    void aValueTheMdcAlreadyHoldsIsLeftAloneAndNotRestored() {
        MDC.put("request_id", "same");

        try (MdcScope scope = MdcScope.open().put("request_id", "same")) {
            assertThat(scope.changedAnything()).isFalse();
            // what the code inside the scope changes stays: the scope did not own the key
            MDC.put("request_id", "changed inside");
        }

        assertThat(MDC.get("request_id")).isEqualTo("changed inside");
    }

    @Test
    void nullValueRemovesTheKeyForTheScopeAndNullKeyChangesNothing() {
        MDC.put("request_id", "original");

        try (MdcScope scope = MdcScope.open().put("request_id", null).put(null, "ignored")) {
            assertThat(MDC.get("request_id")).isNull();
        }

        assertThat(MDC.get("request_id")).isEqualTo("original");
        assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("request_id");
    }

    @Test
    void putIfPresentLeavesTheKeyAloneForAMissingOrEmptyValue() {
        MDC.put("trace_id", "caller's trace");

        try (MdcScope scope = MdcScope.open().putIfPresent("trace_id", null).putIfPresent("trace_id", "")
                .putIfPresent("span_id", "s-1")) {
            assertThat(MDC.get("trace_id")).isEqualTo("caller's trace");
            assertThat(MDC.get("span_id")).isEqualTo("s-1");
        }

        assertThat(MDC.getCopyOfContextMap()).containsExactlyEntriesOf(java.util.Map.of("trace_id", "caller's trace"));
    }

    @Test
    void manyKeysAreAllRestored() {
        MdcScope scope = MdcScope.open();
        for (int i = 0; i < 10; i++) {
            scope.put("k" + i, "v" + i);
        }
        assertThat(MDC.getCopyOfContextMap()).hasSize(10);

        scope.close();

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void closingTwiceRestoresOnce() {
        MDC.put("id", "before");
        MdcScope scope = MdcScope.open().put("id", "during");
        scope.close();
        MDC.put("id", "set after the scope");

        scope.close();

        assertThat(MDC.get("id")).isEqualTo("set after the scope");
    }
}
