package dev.httpaudit.core.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every occurrence of values masked elsewhere in the exchange, wherever and however
 * they are spelled: as they are, and in decoded views of the text ({@link DecodedView}:
 * JSON escapes, percent-escapes, and {@code +} as a space), so a value spelled
 * {@code p%40ss}, {@code p\u0040ss}, {@code p\u0040s%73} or {@code my+secret} is found
 * too. An occurrence found in a decoded view is masked as the span of the original text it
 * was decoded from (whole escapes), so the text keeps its syntax. Occurrences in all views
 * are collected first and overlapping ones merged, so a value that overlaps another is
 * never left half visible.
 *
 * <p>The values are searched in one pass per view (at most five: the text itself, and the
 * decodings {@link DecodedView#modesFor} picks for it: JSON escapes, percent-escapes, those
 * with {@code +} as a space, and JSON escapes with the others), so the work is linear in the
 * text for a given set of values.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} characters and the JSON literals {@code true},
 * {@code false} and {@code null} are not scrubbed: they carry no secret, and replacing every
 * {@code 1} or {@code true} in a message would only destroy it.
 */
final class ValueScrubber {

    /** The shortest value scrubbed from free text (a three-digit CVV still is). */
    static final int MIN_LENGTH = 3;

    /** Up to this many values, one {@code indexOf} per value is fastest; beyond, one pass per table. */
    private static final int INDEX_OF_LIMIT = 8;
    /** Values at least this long are looked up by this many first chars, shorter ones by three. */
    private static final int LONG_KEY = 16;

    private final String[] values;
    private final String replacement;
    /** Lookup by the values' first chars, or null up to {@link #INDEX_OF_LIMIT} values. */
    private final Index index;

    private ValueScrubber(String[] values, String replacement) {
        this.values = values;
        this.replacement = replacement;
        this.index = values.length > INDEX_OF_LIMIT ? new Index(values) : null;
    }

    /**
     * A scrubber for the given values. Encoded spellings need no values of their own: they
     * are found in the decoded view of each text.
     */
    static ValueScrubber of(Collection<String> maskedValues, String replacement) {
        Set<String> kept = new LinkedHashSet<>();
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

    /** True when any of the values occurs in {@code text}, as it is or decoded. */
    boolean occursIn(String text) {
        if (text == null || values.length == 0) {
            return false;
        }
        return find(text, true) != null;
    }

    /**
     * {@code text} with every occurrence of every value replaced, the decoded ones as the
     * original span they came from; the same instance when none occurs.
     */
    String scrub(String text) {
        if (text == null || values.length == 0) {
            return text;
        }
        Ranges ranges = find(text, false);
        if (ranges == null) {
            return text;
        }
        long[] sorted = ranges.sorted();
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int k = 0;
        while (k < sorted.length) {
            int start = (int) (sorted[k] >>> 32);
            int end = (int) sorted[k];
            k++;
            while (k < sorted.length && (int) (sorted[k] >>> 32) <= end) {
                end = Math.max(end, (int) sorted[k]);
                k++;
            }
            out.append(text, copied, start).append(replacement);
            copied = end;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /** The occurrences in the text and its decoded views, in original offsets; null when none. */
    private Ranges find(String text, boolean firstOnly) {
        Ranges ranges = findIn(text, firstOnly, null);
        if (firstOnly && ranges != null) {
            return ranges;
        }
        for (int mode : DecodedView.modesFor(text)) {
            ranges = findDecoded(text, mode, firstOnly, ranges);
            if (firstOnly && ranges != null) {
                return ranges;
            }
        }
        return ranges;
    }

    /**
     * Adds the occurrences in one decoded view of {@code text}. The view is first made
     * without offsets (its chars only); only when a value occurs in it is it made again
     * with them, to find the spans: in the common case nothing occurs, and half the
     * memory is spent.
     */
    private Ranges findDecoded(String text, int mode, boolean firstOnly, Ranges into) {
        DecodedView view = DecodedView.of(text, mode, false);
        if (!view.decodedAny()) {
            // every char stands for itself: the raw pass saw it all
            return into;
        }
        Ranges decoded = findIn(view.chars(), true, null);
        if (decoded == null) {
            return into;
        }
        if (firstOnly) {
            // occursIn asks only whether there is one (and into is null here): no spans needed
            return decoded;
        }
        view = DecodedView.of(text, mode, true);
        decoded = findIn(view.chars(), false, null);
        Ranges ranges = into;
        for (int k = 0; k < decoded.count; k++) {
            int start = (int) (decoded.items[k] >>> 32);
            int end = (int) decoded.items[k];
            ranges = Ranges.add(ranges, view.originalStart(start), view.originalEnd(end - 1));
        }
        return ranges;
    }

    private Ranges findIn(CharSequence text, boolean firstOnly, Ranges into) {
        if (index != null) {
            Ranges found = index.scan(text, firstOnly);
            if (into == null || found == null) {
                return found != null ? found : into;
            }
            for (int k = 0; k < found.count; k++) {
                into = Ranges.add(into, (int) (found.items[k] >>> 32), (int) found.items[k]);
            }
            return into;
        }
        Ranges ranges = into;
        for (String value : values) {
            int from = 0;
            int at;
            while ((at = indexOf(text, value, from)) >= 0) {
                ranges = Ranges.add(ranges, at, at + value.length());
                if (firstOnly) {
                    return ranges;
                }
                from = at + 1;
            }
        }
        return ranges;
    }

    /** {@link String#indexOf(String, int)} (the intrinsic) for a string, a plain scan otherwise. */
    private static int indexOf(CharSequence text, String value, int from) {
        if (text instanceof String string) {
            return string.indexOf(value, from);
        }
        char first = value.charAt(0);
        int last = text.length() - value.length();
        for (int i = from; i <= last; i++) {
            if (text.charAt(i) == first && regionMatches(text, i, value)) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code value} occurs in {@code text} at {@code at}. */
    static boolean regionMatches(CharSequence text, int at, String value) {
        if (text instanceof String string) {
            return string.startsWith(value, at);
        }
        if (at + value.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (text.charAt(at + i) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values keyed by their first chars: three for short values, {@link #LONG_KEY} for
     * long ones (so that long values sharing a prefix, such as the encoded and decoded forms
     * of one value, do not pile up in one bucket). A text is passed once: where a value could
     * start (its first two chars pass a small bit filter), the keys there are looked up, and
     * only the values found are compared.
     */
    private static final class Index {
        private static final long BASE = 1_000_003L;

        private final String[] values;
        /** 4096-bit filter of the values' first two chars. */
        private final long[] starts = new long[64];
        private final Table shortValues;
        private final Table longValues;

        Index(String[] values) {
            this.values = values;
            List<Integer> shorter = new ArrayList<>();
            List<Integer> longer = new ArrayList<>();
            for (int v = 0; v < values.length; v++) {
                (values[v].length() >= LONG_KEY ? longer : shorter).add(v);
                int bit = startBit(values[v].charAt(0), values[v].charAt(1));
                starts[bit >> 6] |= 1L << bit;
            }
            this.shortValues = shorter.isEmpty() ? null : new Table(values, shorter, 3);
            this.longValues = longer.isEmpty() ? null : new Table(values, longer, LONG_KEY);
        }

        private static int startBit(char first, char second) {
            return (first * 31 + second) & 4095;
        }

        /** The first {@code k} chars from {@code from}: exact for three, a polynomial hash beyond. */
        static long key(CharSequence text, int from, int k) {
            if (k == 3) {
                return ((long) text.charAt(from) << 32) | ((long) text.charAt(from + 1) << 16) | text.charAt(from + 2);
            }
            long h = 0;
            for (int i = from; i < from + k; i++) {
                h = h * BASE + text.charAt(i);
            }
            return h;
        }

        /** The occurrences in {@code text}, or null; with {@code firstOnly}, the first one only. */
        Ranges scan(CharSequence text, boolean firstOnly) {
            Ranges ranges = null;
            int n = text.length();
            if (n < MIN_LENGTH) {
                return null;
            }
            char next = text.charAt(0);
            for (int i = 0; i + MIN_LENGTH <= n; i++) {
                char c = next;
                next = text.charAt(i + 1);
                int bit = startBit(c, next);
                if ((starts[bit >> 6] & (1L << bit)) == 0) {
                    continue;
                }
                if (shortValues != null) {
                    ranges = shortValues.find(text, i, ranges);
                }
                if (longValues != null && i + LONG_KEY <= n) {
                    ranges = longValues.find(text, i, ranges);
                }
                if (firstOnly && ranges != null) {
                    return ranges;
                }
            }
            return ranges;
        }
    }

    /** An open-addressing table from a key of the first {@code k} chars to the values with it. */
    private static final class Table {
        private final String[] values;
        private final int k;
        private final long[] keys;
        private final boolean[] used;
        private final int[][] buckets;
        private final int mask;

        Table(String[] values, List<Integer> members, int k) {
            this.values = values;
            this.k = k;
            int size = Integer.highestOneBit(Math.max(2, members.size() * 4) - 1) << 1;
            this.keys = new long[size];
            this.used = new boolean[size];
            this.buckets = new int[size][];
            this.mask = size - 1;
            for (int v : members) {
                long key = Index.key(values[v], 0, k);
                int slot = slot(key);
                while (used[slot] && keys[slot] != key) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                keys[slot] = key;
                int[] bucket = buckets[slot];
                if (bucket == null) {
                    buckets[slot] = new int[] {v};
                } else {
                    bucket = Arrays.copyOf(bucket, bucket.length + 1);
                    bucket[bucket.length - 1] = v;
                    buckets[slot] = bucket;
                }
            }
        }

        private int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        }

        /** Adds the values that occur at {@code at} to {@code ranges}. */
        Ranges find(CharSequence text, int at, Ranges ranges) {
            long key = Index.key(text, at, k);
            int slot = slot(key);
            while (used[slot]) {
                if (keys[slot] == key) {
                    for (int v : buckets[slot]) {
                        String value = values[v];
                        if (regionMatches(text, at, value)) {
                            ranges = Ranges.add(ranges, at, at + value.length());
                        }
                    }
                    return ranges;
                }
                slot = (slot + 1) & mask;
            }
            return ranges;
        }
    }

    /** Occurrences as (start << 32 | end), in a growable array. */
    private static final class Ranges {
        private long[] items = new long[8];
        private int count;

        static Ranges add(Ranges ranges, int start, int end) {
            Ranges r = ranges != null ? ranges : new Ranges();
            if (r.count == r.items.length) {
                r.items = Arrays.copyOf(r.items, r.count * 2);
            }
            r.items[r.count++] = ((long) start << 32) | end;
            return r;
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(items, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
