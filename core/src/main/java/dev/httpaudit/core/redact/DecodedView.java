package dev.httpaudit.core.redact;

import org.jspecify.annotations.Nullable;

/**
 * A text with its escapes decoded, and for every decoded char the span of the original text
 * it came from, so that a value found in the decoded view can be masked in the original.
 * What is decoded is chosen per view: JSON escapes ({@code \"}, {@code \\}, {@code \/},
 * {@code \n} and the other one-letter ones, {@code \}{@code uXXXX}), percent-escapes
 * ({@code %XX}, runs of them as UTF-8; a byte that is not part of a well-formed UTF-8
 * sequence stands for itself as ISO-8859-1), {@code +} as a space (as forms and query
 * strings spell it). Anything else is its own char. One pass, linear in the text.
 *
 * <p>Since every decoded char maps back to whole escapes, a span masked in the original
 * never cuts an escape in two: a query string stays a query string, and a JSON string a
 * JSON string.
 */
final class DecodedView {

    private final String original;
    private final char[] chars;
    /**
     * For decoded char {@code i}: where its escape starts in the original (its end is where
     * the next escape starts), or null for a view made without offsets.
     */
    private final int @Nullable [] starts;
    private final int length;
    private final boolean decodedAny;

    private DecodedView(String original, char[] chars, int @Nullable [] starts, int length, boolean decodedAny) {
        this.original = original;
        this.chars = chars;
        this.starts = starts;
        this.length = length;
        this.decodedAny = decodedAny;
    }

    /** Decode JSON escapes. */
    static final int JSON = 1;
    /** Decode {@code %XX} escapes. */
    static final int PERCENT = 2;
    /** Read {@code +} as a space. */
    static final int PLUS = 4;

    /**
     * The decodings worth making of {@code text}, as a list of modes (bit sets of
     * {@link #JSON}, {@link #PERCENT}, {@link #PLUS}): each kind alone where the text has
     * its marker ({@code \}, {@code %}, {@code +}; {@code +} only with {@code %}, as forms
     * spell it), and the JSON one combined with the others where both occur. Each kind alone
     * matters: decoded together, a literal {@code %} followed by two hex digits in a partly
     * JSON-escaped value would be read as an escape. At most four; none for a text without
     * markers.
     */
    static int[] modesFor(String text) {
        // String.indexOf(char) is a vectorized intrinsic: three of them cost a tenth of one
        // char-by-char pass over the text
        boolean backslash = text.indexOf('\\') >= 0;
        boolean percent = text.indexOf('%') >= 0;
        boolean plus = text.indexOf('+') >= 0;
        int[] modes = new int[4];
        int count = 0;
        if (backslash) {
            modes[count++] = JSON;
        }
        if (percent || plus) {
            modes[count++] = PERCENT;
            if (plus) {
                modes[count++] = PERCENT | PLUS;
            }
            if (backslash) {
                modes[count++] = JSON | PERCENT | (plus ? PLUS : 0);
            }
        }
        return count == modes.length ? modes : java.util.Arrays.copyOf(modes, count);
    }

    /**
     * The view of {@code text} decoded as {@code mode} says (see {@link #modesFor}). Without
     * {@code withOffsets} only the decoded chars are kept (a third of the memory), enough to
     * tell whether a value occurs; {@link #originalStart} and {@link #originalEnd} then must
     * not be called.
     */
    static DecodedView of(String text, int mode, boolean withOffsets) {
        int n = text.length();
        char[] chars = new char[n];
        int[] starts = withOffsets ? new int[n] : null;
        int length = 0;
        boolean decodedAny = false;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int width = 1;
            if (c == '\\' && (mode & JSON) != 0 && i + 1 < n) {
                int decoded = Escapes.jsonEscape(text, i, n);
                if (decoded >= 0) {
                    width = text.charAt(i + 1) == 'u' ? 6 : 2;
                    c = (char) decoded;
                }
            } else if (c == '%' && (mode & PERCENT) != 0 && Escapes.percentByte(text, i) >= 0) {
                long packed = percentRun(text, i, chars, starts, length);
                length = (int) packed;
                i = (int) (packed >>> 32);
                decodedAny = true;
                continue;
            } else if (c == '+' && (mode & PLUS) != 0) {
                c = ' ';
                decodedAny = true;
            }
            decodedAny |= width > 1;
            if (starts != null) {
                starts[length] = i;
            }
            chars[length++] = c;
            i += width;
        }
        return new DecodedView(text, chars, starts, length, decodedAny);
    }

    /**
     * Decodes the run of {@code %XX} escapes at {@code from} as UTF-8 into the arrays from
     * {@code length} on ({@code starts} may be null); returns
     * {@code (end of the run << 32) | new length}.
     */
    private static long percentRun(String text, int from, char[] chars, int @Nullable [] starts, int length) {
        int n = text.length();
        int i = from;
        int out = length;
        while (i < n && text.charAt(i) == '%' && Escapes.percentByte(text, i) >= 0) {
            int lead = Escapes.percentByte(text, i);
            int need = lead < 0x80 ? 0 : lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
            int codePoint = need == 0 ? lead : need == 1 ? lead & 0x1F : need == 2 ? lead & 0x0F : lead & 0x07;
            int j = i + 3;
            boolean wellFormed = need >= 0;
            for (int k = 0; k < need && wellFormed; k++) {
                int b = j < n && text.charAt(j) == '%' ? Escapes.percentByte(text, j) : -1;
                if (b < 0x80 || b > 0xBF) {
                    wellFormed = false;
                } else {
                    codePoint = (codePoint << 6) | (b & 0x3F);
                    j += 3;
                }
            }
            if (wellFormed && (need == 2 && (codePoint < 0x800 || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                    || need == 3 && (codePoint < 0x10000 || codePoint > 0x10FFFF))) {
                wellFormed = false; // overlong, a surrogate, or beyond Unicode
            }
            if (!wellFormed) {
                // one byte that is not UTF-8: as ISO-8859-1, as a form in that charset would mean it
                codePoint = lead;
                j = i + 3;
            }
            if (Character.isSupplementaryCodePoint(codePoint)) {
                // both halves stand for the whole sequence
                if (starts != null) {
                    starts[out] = i;
                }
                chars[out++] = Character.highSurrogate(codePoint);
                codePoint = Character.lowSurrogate(codePoint);
            }
            if (starts != null) {
                starts[out] = i;
            }
            chars[out++] = (char) codePoint;
            i = j;
        }
        return ((long) i << 32) | out;
    }

    /** Scans the decoded text with {@code automaton}, without a copy. */
    void scan(ValueAutomaton automaton, ValueAutomaton.Matches matches) {
        automaton.scan(chars, length, matches);
    }

    /** The decoded text as a string. */
    String text() {
        return new String(chars, 0, length);
    }

    /** The number of decoded chars. */
    int length() {
        return length;
    }

    /** Where decoded char {@code i} starts in the original. */
    int originalStart(int i) {
        return starts[i];
    }

    /** Where decoded char {@code i} ends in the original (exclusive): where the next escape starts. */
    int originalEnd(int i) {
        int j = i + 1;
        while (j < length && starts[j] == starts[i]) {
            j++; // the high half of a surrogate pair decoded from one %XX run
        }
        return j < length ? starts[j] : original.length();
    }

    /** True when some char was decoded: the view differs from the original. */
    boolean decodedAny() {
        return decodedAny;
    }
}
