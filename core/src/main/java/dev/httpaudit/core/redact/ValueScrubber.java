package dev.httpaudit.core.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Replaces every occurrence of values masked elsewhere in the exchange. Occurrences of all
 * values are found in the original text first and overlapping ones merged, so a value that
 * overlaps another is never left half visible.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} characters and the JSON literals {@code true},
 * {@code false} and {@code null} are not scrubbed: they carry no secret, and replacing every
 * {@code 1} or {@code true} in a message would only destroy it.
 */
final class ValueScrubber {

    /** The shortest value scrubbed from free text (a three-digit CVV still is). */
    static final int MIN_LENGTH = 3;

    private final String[] values;
    private final String replacement;

    private ValueScrubber(String[] values, String replacement) {
        this.values = values;
        this.replacement = replacement;
    }

    static ValueScrubber of(Collection<String> maskedValues, String replacement) {
        List<String> kept = new ArrayList<>(maskedValues.size());
        for (String value : maskedValues) {
            if (value.length() >= MIN_LENGTH && !value.equals(replacement)
                    && !value.equals("true") && !value.equals("false") && !value.equals("null")) {
                kept.add(value);
            }
        }
        return new ValueScrubber(kept.toArray(new String[0]), replacement);
    }

    boolean isEmpty() {
        return values.length == 0;
    }

    /** True when any of the values occurs in {@code text}. */
    boolean occursIn(String text) {
        if (text == null) {
            return false;
        }
        for (String value : values) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every occurrence of every value replaced; the same instance when none occurs. */
    String scrub(String text) {
        if (text == null || values.length == 0) {
            return text;
        }
        long[] ranges = null;
        int count = 0;
        for (String value : values) {
            int from = 0;
            int at;
            while ((at = text.indexOf(value, from)) >= 0) {
                if (ranges == null) {
                    ranges = new long[8];
                } else if (count == ranges.length) {
                    ranges = Arrays.copyOf(ranges, count * 2);
                }
                ranges[count++] = ((long) at << 32) | (at + value.length());
                from = at + 1;
            }
        }
        if (count == 0) {
            return text;
        }
        Arrays.sort(ranges, 0, count);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int k = 0;
        while (k < count) {
            int start = (int) (ranges[k] >>> 32);
            int end = (int) ranges[k];
            k++;
            while (k < count && (int) (ranges[k] >>> 32) <= end) {
                end = Math.max(end, (int) ranges[k]);
                k++;
            }
            out.append(text, copied, start).append(replacement);
            copied = end;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }
}
