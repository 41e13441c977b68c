package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void oneAndMoreAreReturned() {
        assertThat(Counts.requireAtLeastOne("batch size", 1)).isEqualTo(1);
        assertThat(Counts.requireAtLeastOne("batch size", 8192)).isEqualTo(8192);
    }

    @Test
    void zeroAndLessAreRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> Counts.requireAtLeastOne("queue capacity", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue capacity must be at least 1, was 0");
        assertThatThrownBy(() -> Counts.requireAtLeastOne("purge batch size", -3))
                .hasMessage("purge batch size must be at least 1, was -3");
    }
}
