package dev.httpaudit.core.redact;

/**
 * Reading the escapes redaction meets in text: hex digits, {@code %XX} percent-escapes and
 * JSON's backslash escapes. Written once so that the scanner that finds names
 * ({@link TextPatterns}), the decoded views values are looked for in ({@link DecodedView})
 * and name normalization ({@link SensitiveNames}) agree on what an escape is: a value found
 * by one must be found by the others.
 */
final class Escapes {

    private Escapes() {
    }

    /** The value of an ASCII hex digit, or -1 ({@code Character.digit} would take other scripts' digits too). */
    static int hexDigit(char c) {
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

    /** The value of the four hex digits from {@code at} (the caller checked they are there), or -1. */
    static int hex4(CharSequence text, int at) {
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            int digit = hexDigit(text.charAt(k));
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** The byte of the escape {@code %XX} whose {@code %} is at {@code at}, or -1 when there is none. */
    static int percentByte(CharSequence text, int at) {
        if (at + 2 >= text.length()) {
            return -1;
        }
        int high = hexDigit(text.charAt(at + 1));
        int low = hexDigit(text.charAt(at + 2));
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /**
     * The char of the JSON escape whose backslash is at {@code at} (the char after it is
     * before {@code end}), or -1 when it is none of JSON's: {@code \" \\ \/ \b \f \n \r \t}
     * and {@code \}{@code uXXXX} (six chars, all before {@code end}).
     */
    static int jsonEscape(CharSequence text, int at, int end) {
        char e = text.charAt(at + 1);
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> at + 6 <= end ? hex4(text, at + 2) : -1;
            default -> -1;
        };
    }
}
