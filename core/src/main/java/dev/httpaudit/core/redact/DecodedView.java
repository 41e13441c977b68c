package dev.httpaudit.core.redact;

/**
 * A text with its escapes decoded, and for every decoded char the span of the original text
 * it came from, so that a value found in the decoded view can be masked in the original:
 * JSON escapes ({@code \"}, {@code \\}, {@code \/}, {@code \n} and the other one-letter
 * ones, {@code \}{@code uXXXX}), percent-escapes ({@code %XX}, runs of them as UTF-8; a byte
 * that is not part of a well-formed UTF-8 sequence stands for itself as ISO-8859-1) and,
 * when asked for, {@code +} as a space (as forms and query strings spell it). Anything else
 * is its own char. One pass, linear in the text.
 *
 * <p>Since every decoded char maps back to whole escapes, a span masked in the original
 * never cuts an escape in two: a query string stays a query string, and a JSON string a
 * JSON string.
 */
final class DecodedView {

    private final String original;
    private final char[] chars;
    /** For decoded char {@code i}: where its escape starts in the original, and where it ends. */
    private final int[] starts;
    private final int[] ends;
    private final int length;

    private DecodedView(String original, char[] chars, int[] starts, int[] ends, int length) {
        this.original = original;
        this.chars = chars;
        this.starts = starts;
        this.ends = ends;
        this.length = length;
    }

    /** True when {@code text} has anything this view would decode: a {@code \}, a {@code %} or a {@code +}. */
    static boolean mayDiffer(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '+') {
                return true;
            }
        }
        return false;
    }

    /** True when {@code text} has a {@code +}: only then do the two views of {@link #of} differ. */
    static boolean hasPlus(String text) {
        return text.indexOf('+') >= 0;
    }

    /** The decoded view of {@code text}; with {@code plusAsSpace}, {@code +} reads as a space. */
    static DecodedView of(String text, boolean plusAsSpace) {
        int n = text.length();
        char[] chars = new char[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int length = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                int decoded = jsonEscape(text, i);
                if (decoded >= 0) {
                    int width = text.charAt(i + 1) == 'u' ? 6 : 2;
                    chars[length] = (char) decoded;
                    starts[length] = i;
                    ends[length] = i + width;
                    length++;
                    i += width;
                    continue;
                }
            } else if (c == '%' && byteAt(text, i) >= 0) {
                long packed = packedRun(text, i, chars, starts, ends, length);
                length = (int) packed;
                i = (int) (packed >>> 32);
                continue;
            } else if (c == '+' && plusAsSpace) {
                chars[length] = ' ';
                starts[length] = i;
                ends[length] = i + 1;
                length++;
                i++;
                continue;
            }
            chars[length] = c;
            starts[length] = i;
            ends[length] = i + 1;
            length++;
            i++;
        }
        return new DecodedView(text, chars, starts, ends, length);
    }

    /**
     * Decodes the run of {@code %XX} escapes at {@code from} as UTF-8 into the arrays from
     * {@code length} on; returns {@code (end of the run << 32) | new length}.
     */
    private static long packedRun(String text, int from, char[] chars, int[] starts, int[] ends, int length) {
        int n = text.length();
        int i = from;
        int out = length;
        while (i < n && text.charAt(i) == '%' && byteAt(text, i) >= 0) {
            int lead = byteAt(text, i);
            int need = lead < 0x80 ? 0 : lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
            int codePoint = need == 0 ? lead : need == 1 ? lead & 0x1F : need == 2 ? lead & 0x0F : lead & 0x07;
            int j = i + 3;
            boolean wellFormed = need >= 0;
            for (int k = 0; k < need && wellFormed; k++) {
                int b = j < n && text.charAt(j) == '%' ? byteAt(text, j) : -1;
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
                chars[out] = Character.highSurrogate(codePoint);
                starts[out] = i;
                ends[out] = j;
                out++;
                chars[out] = Character.lowSurrogate(codePoint);
            } else {
                chars[out] = (char) codePoint;
            }
            starts[out] = i;
            ends[out] = j;
            out++;
            i = j;
        }
        return ((long) i << 32) | out;
    }

    /** The byte of the escape {@code %XX} at {@code at}, or -1 when there is none. */
    private static int byteAt(String text, int at) {
        if (at + 2 >= text.length()) {
            return -1;
        }
        int high = hex(text.charAt(at + 1));
        int low = hex(text.charAt(at + 2));
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** The value of an ASCII hex digit, or -1 ({@code Character.digit} would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The char of the JSON escape at {@code at} (a backslash), or -1 when it is not one. */
    private static int jsonEscape(String text, int at) {
        char e = text.charAt(at + 1);
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (at + 6 > text.length()) {
                    yield -1;
                }
                int value = 0;
                for (int k = at + 2; k < at + 6; k++) {
                    int digit = hex(text.charAt(k));
                    if (digit < 0) {
                        yield -1;
                    }
                    value = value * 16 + digit;
                }
                yield value;
            }
            default -> -1;
        };
    }

    /** The decoded text. */
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

    /** Where decoded char {@code i} ends in the original (exclusive). */
    int originalEnd(int i) {
        return ends[i];
    }

    /** True when some char was decoded: the view differs from the original. */
    boolean decodedAny() {
        for (int i = 0; i < length; i++) {
            if (ends[i] - starts[i] != 1 || chars[i] != original.charAt(starts[i])) {
                return true;
            }
        }
        return false;
    }
}
