package dev.httpaudit.core.internal;

/**
 * The check every builder of http-audit applies to a size option (a queue's capacity, a
 * batch's size), so that each refuses a bad value with the same message, naming the option.
 */
public final class Counts {

    private Counts() {
    }

    /**
     * Returns {@code value}, or throws when it is below 1.
     *
     * @param name the option as the message should name it, e.g. {@code "queue capacity"}
     * @throws IllegalArgumentException "{@code <name>} must be at least 1, was {@code <value>}"
     */
    public static int requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }
}
