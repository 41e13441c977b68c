package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void aNonNegativeDurationIsReturnedAndZeroIsAllowed() {
        assertThat(Durations.requireNonNegative("block timeout", Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(5));
        assertThat(Durations.requireNonNegative("block timeout", Duration.ZERO)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aNegativeDurationIsRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> Durations.requireNonNegative("shutdown timeout", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shutdown timeout must not be negative, was PT-1S");
    }

    @Test
    void aPositiveDurationIsRequiredWhereZeroMakesNoSense() {
        assertThat(Durations.requirePositive("purge interval", Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Durations.requirePositive("purge interval", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("purge interval must be positive, was PT0S");
        assertThatThrownBy(() -> Durations.requirePositive("retention", Duration.ofDays(-90)))
                .hasMessage("retention must be positive, was PT-2160H");
    }

    @Test
    void aMissingDurationIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> Durations.requireNonNegative("batch wait", null))
                .isInstanceOf(NullPointerException.class).hasMessage("batch wait");
    }
}
