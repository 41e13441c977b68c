package dev.httpaudit.core.redact;

import org.jspecify.annotations.Nullable;

/**
 * A copy of a text with ranges replaced in ascending order, started only at the first
 * replacement (copying the unchanged prefix then): a text in which nothing is replaced costs
 * no copy, and {@link #result()} gives back the very same instance, which is how every step
 * of redaction tells "unchanged" from "changed".
 */
final class Splice {

    private final String text;
    private @Nullable StringBuilder out;
    private int copied;

    Splice(String text) {
        this.text = text;
    }

    /**
     * Replaces the chars from {@code start} to {@code end} with {@code with}.
     *
     * @throws IllegalStateException when the range starts before the end of the previous one
     *         or lies outside the text
     */
    void replace(int start, int end, String with) {
        if (start < copied || end < start || end > text.length()) {
            throw new IllegalStateException("replaced ranges out of order");
        }
        StringBuilder builder = out;
        if (builder == null) {
            builder = new StringBuilder(text.length() + 16);
            out = builder;
        }
        builder.append(text, copied, start).append(with);
        copied = end;
    }

    /** True once something was replaced. */
    boolean changed() {
        return out != null;
    }

    /** The spliced text, or the original instance when nothing was replaced. */
    String result() {
        StringBuilder builder = out;
        return builder == null ? text : builder.append(text, copied, text.length()).toString();
    }
}
