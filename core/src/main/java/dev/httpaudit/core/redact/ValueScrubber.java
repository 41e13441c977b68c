package dev.httpaudit.core.redact;

import java.util.Arrays;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

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
 * with {@code +} as a space, and JSON escapes with the others) of one {@link ValueAutomaton}
 * over all the values, so the work is linear in the text whatever the values are (long or
 * overlapping values included), and linear in their total length to set up. With at most four
 * values, a text is first searched for the start of each ({@code String.indexOf}), and the
 * automaton is built and run only from where one occurs.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} characters and the JSON literals {@code true},
 * {@code false} and {@code null} are not scrubbed: they carry no secret, and replacing every
 * {@code 1} or {@code true} in a message would only destroy it.
 */
final class ValueScrubber {

    /** The shortest value scrubbed from free text (a three-digit CVV still is). */
    static final int MIN_LENGTH = 3;

    private static final String[] NO_VALUES = new String[0];
    /** Repeats among this many values are dropped. */
    private static final int DEDUPLICATED = 8;

    /** Up to this many values, a string is first searched for each with {@link String#indexOf(String)}. */
    private static final int FEW_VALUES = 4;
    /** Chars of a value's start that {@link String#indexOf(String)} looks for. */
    private static final int PREFIX = 16;

    private final String[] values;
    private final String replacement;
    /** With at most {@link #FEW_VALUES} values, the first {@link #PREFIX} chars of each; else null. */
    private final String @Nullable [] prefixes;
    /**
     * All values in one automaton, built at the first text that needs it (with few values,
     * most exchanges have none: the values occur nowhere else), or null until then and when
     * there are no values.
     */
    private @Nullable ValueAutomaton automaton;
    private boolean released;
    /** Reused by every scan: a scrubber serves one event on one thread. */
    private final SpanCollector spans = new SpanCollector();

    private ValueScrubber(String[] values, String replacement) {
        this.values = values;
        this.replacement = replacement;
        this.prefixes = values.length > FEW_VALUES ? null : prefixes(values);
    }

    /**
     * A scrubber for the given values. Encoded spellings need no values of their own: they
     * are found in the decoded view of each text. Not thread-safe: one per event.
     */
    static ValueScrubber of(Collection<String> maskedValues, String replacement) {
        return of(maskedValues, replacement, Integer.MAX_VALUE);
    }

    /**
     * A scrubber for the values no longer than {@code maxLength} chars, for texts of at most
     * that length: a decoded view is never longer than its text (every decoded char stands
     * for one or more chars of it), so a longer value cannot occur in such a text at all,
     * and leaving it out spares building its part of the automaton (a correlation ID is
     * checked against the long credentials of the same request this way).
     */
    static ValueScrubber of(Collection<String> maskedValues, String replacement, int maxLength) {
        // Repeats are dropped among the first few values only (a password in the request and
        // its echo): few values are searched faster (see ValueAutomaton), and beyond those a
        // value given twice only walks the automaton's states again.
        String[] kept = NO_VALUES;
        int count = 0;
        for (String value : maskedValues) {
            if (value.length() >= MIN_LENGTH && value.length() <= maxLength && !value.equals(replacement)
                    && !value.equals("true") && !value.equals("false") && !value.equals("null")
                    && !(count <= DEDUPLICATED && contains(kept, count, value))) {
                if (count == kept.length) {
                    kept = Arrays.copyOf(kept, Math.max(4, count * 2));
                }
                kept[count++] = value;
            }
        }
        return new ValueScrubber(count == kept.length ? kept : Arrays.copyOf(kept, count), replacement);
    }

    private static boolean contains(String[] values, int count, String value) {
        for (int i = 0; i < count; i++) {
            if (values[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives the automaton's tables back to the current thread's spares: the caller is done
     * with this scrubber, which must not be used again (it would throw).
     */
    void release() {
        released = true;
        if (automaton != null) {
            automaton.release();
        }
    }

    private static String[] prefixes(String[] values) {
        String[] prefixes = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            prefixes[i] = values[i].length() <= PREFIX ? values[i] : values[i].substring(0, PREFIX);
        }
        return prefixes;
    }

    /** The automaton, built now if this is the first text that needs it. */
    private ValueAutomaton automaton() {
        if (automaton == null) {
            if (released) {
                throw new IllegalStateException("scrubber used after release");
            }
            automaton = ValueAutomaton.of(values);
        }
        return automaton;
    }

    /**
     * Where the scan of {@code text} must start: with few values, the first place where the
     * start of one occurs, found by {@link String#indexOf(String)} (a vectorized intrinsic, at
     * a fraction of the automaton's cost per char), or the end when none does; else 0. No
     * value can occur before that place (each occurrence begins with its value's start), so
     * the automaton, begun there at the root, finds all there are. The work stays linear:
     * at most {@link #FEW_VALUES} searches for at most {@link #PREFIX} chars each.
     */
    private int firstPossibleStart(String text) {
        if (prefixes == null) {
            return 0;
        }
        int first = text.length();
        for (String prefix : prefixes) {
            int at = text.indexOf(prefix);
            if (at >= 0 && at < first) {
                first = at;
            }
        }
        return first;
    }

    boolean isEmpty() {
        return values.length == 0;
    }

    /** True when any of the values occurs in {@code text}, as it is or decoded. */
    boolean occursIn(@Nullable String text) {
        if (text == null || values.length == 0) {
            return false;
        }
        return find(text, true) != null;
    }

    /**
     * {@code text} with every occurrence of every value replaced, the decoded ones as the
     * original span they came from; the same instance when none occurs.
     */
    @Nullable String scrub(@Nullable String text) {
        if (text == null || values.length == 0) {
            return text;
        }
        Ranges ranges = find(text, false);
        if (ranges == null) {
            return text;
        }
        long[] sorted = ranges.sorted();
        Splice out = new Splice(text);
        int k = 0;
        while (k < sorted.length) {
            int start = (int) (sorted[k] >>> 32);
            int end = (int) sorted[k];
            k++;
            while (k < sorted.length && (int) (sorted[k] >>> 32) <= end) {
                end = Math.max(end, (int) sorted[k]);
                k++;
            }
            out.replace(start, end, replacement);
        }
        return out.result();
    }

    /** The occurrences in the text and its decoded views, in original offsets; null when none. */
    private @Nullable Ranges find(String text, boolean firstOnly) {
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
    private @Nullable Ranges findDecoded(String text, int mode, boolean firstOnly, @Nullable Ranges into) {
        DecodedView view = DecodedView.of(text, mode, false);
        if (!view.decodedAny()) {
            // every char stands for itself: the raw pass saw it all
            return into;
        }
        Ranges decoded = findIn(view, true);
        if (decoded == null) {
            return into;
        }
        if (firstOnly) {
            // occursIn asks only whether there is one (and into is null here): no spans needed
            return decoded;
        }
        view = DecodedView.of(text, mode, true);
        decoded = findIn(view, false);
        Ranges ranges = into;
        for (int k = 0; k < decoded.count; k++) {
            int start = (int) (decoded.items[k] >>> 32);
            int end = (int) decoded.items[k];
            ranges = Ranges.add(ranges, view.originalStart(start), view.originalEnd(end - 1));
        }
        return ranges;
    }

    /**
     * Adds the spans where values occur in {@code text}: one pass of the automaton, whose
     * longest match per end position is merged on the fly with the span before it when they
     * overlap or touch (the caller merges what is left, as every span is kept).
     */
    private @Nullable Ranges findIn(String text, boolean firstOnly, @Nullable Ranges into) {
        int start = firstPossibleStart(text);
        if (start == text.length()) {
            return into;
        }
        spans.start(into, firstOnly);
        automaton().scan(text, start, spans);
        return spans.finish();
    }

    /** As {@link #findIn(String, boolean, Ranges)}, in a decoded view, into no ranges. */
    private @Nullable Ranges findIn(DecodedView view, boolean firstOnly) {
        spans.start(null, firstOnly);
        view.scan(automaton(), spans);
        return spans.finish();
    }

    /**
     * Collects the matches of one scan into {@link Ranges}, merging each with the open span it
     * overlaps; {@link #start} begins a scan, {@link #finish} ends it.
     */
    private static final class SpanCollector implements ValueAutomaton.Matches {
        private boolean firstOnly;
        private @Nullable Ranges ranges;
        private int start = -1;
        private int end = -1;

        void start(@Nullable Ranges into, boolean firstOnly) {
            this.ranges = into;
            this.firstOnly = firstOnly;
            this.start = -1;
            this.end = -1;
        }

        @Override
        public boolean add(int matchStart, int matchEnd) {
            if (start >= 0 && matchStart <= end) {
                start = Math.min(start, matchStart);
                end = matchEnd;
            } else {
                if (start >= 0) {
                    ranges = Ranges.add(ranges, start, end);
                }
                start = matchStart;
                end = matchEnd;
            }
            return !firstOnly;
        }

        @Nullable Ranges finish() {
            if (start >= 0) {
                ranges = Ranges.add(ranges, start, end);
            }
            Ranges found = ranges;
            ranges = null; // the next scan must not add to this one's ranges
            return found;
        }
    }

    /** Occurrences as (start << 32 | end), in a growable array. */
    private static final class Ranges {
        private long[] items = new long[8];
        private int count;

        static Ranges add(@Nullable Ranges ranges, int start, int end) {
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
