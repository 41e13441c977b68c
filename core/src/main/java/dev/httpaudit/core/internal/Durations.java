package dev.httpaudit.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks every builder of http-audit applies to a duration option, so that each refuses a
 * bad value with the same message, naming the option.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Returns {@code duration}, or throws when it is negative.
     *
     * @param name the option as the message should name it, e.g. {@code "block timeout"}
     * @throws IllegalArgumentException "{@code <name>} must not be negative, was {@code <duration>}"
     */
    public static Duration requireNonNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }

    /**
     * Returns {@code duration}, or throws when it is zero or negative.
     *
     * @param name the option as the message should name it, e.g. {@code "purge interval"}
     * @throws IllegalArgumentException "{@code <name>} must be positive, was {@code <duration>}"
     */
    public static Duration requirePositive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }
}
