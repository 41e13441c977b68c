package dev.httpaudit.core.redact;

import org.jspecify.annotations.Nullable;

/**
 * What the {@link TextPatterns} recognizers read in one text: where a quoted string, an
 * escaped string, a bracket, a word or a comment ends, what may be skipped between tokens,
 * whether a name there is sensitive and whether a key starts at a position. Not a
 * recognizer itself: it exists so that the recognizers ({@link QuotedNameRule},
 * {@link WordNameRule}, {@link XmlElementRule}) and the value masking ({@link ValueMask})
 * read the text alike and share its lookup tables, each built in one pass on first use, which
 * is what keeps the whole scan linear.
 */
final class TextLexer {

    /** {@link #isWordChar} for ASCII. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = isWordCharSlow(c);
        }
    }

    final String text;
    final int n;
    final SensitiveNames names;
    /** Whether the text is meant to be JSON: comments are skipped, single quotes delimit strings in brackets. */
    final boolean json;
    /**
     * Per quote kind, built on first use: at {@code p}, the first quote at or after {@code p}
     * that no backslash escapes, or -1.
     */
    private int @Nullable [] nextDouble;
    private int @Nullable [] nextSingle;
    /** Built on first use: at {@code p}, the index after the first {@code *}{@code /} at or after {@code p}, or {@code n}. */
    private int @Nullable [] commentCloses;
    /** Built on first use: at {@code p}, the first line end at or after {@code p}, or {@code n}. */
    private int @Nullable [] lineEnds;
    /** The last name that went past the automaton, and whether it matched: names repeat. */
    private @Nullable String lastName;
    private boolean lastNameMatched;

    TextLexer(String text, SensitiveNames names, boolean json) {
        this.text = text;
        this.n = text.length();
        this.names = names;
        this.json = json;
    }

    /** The end of the word at {@code p}; JSON {@code \\uXXXX} escapes count as word characters. */
    int wordEnd(int p) {
        int end = p;
        while (end < n) {
            if (isWordChar(text.charAt(end))) {
                end++;
            } else if (isUnicodeEscapeAt(end)) {
                end += 6;
            } else {
                break;
            }
        }
        return end;
    }

    boolean isUnicodeEscapeAt(int p) {
        return text.charAt(p) == '\\' && p + 5 < n && text.charAt(p + 1) == 'u' && Escapes.hex4(text, p + 2) >= 0;
    }

    /** True when a string or word at {@code p} is a sensitive name. */
    boolean isSensitiveNameAt(int p) {
        char c = text.charAt(p);
        if (c == '"' || c == '\'') {
            int close = closingQuote(p);
            return close >= 0 && nameAt(p + 1, close);
        }
        if (isWordChar(c) || isUnicodeEscapeAt(p)) {
            int end = wordEnd(p);
            return nameAt(p, end);
        }
        return false;
    }

    /** True when a key ({@code "name":}, {@code 'name':}, {@code name:}, {@code \"name\":}) starts at {@code p}. */
    boolean isKeyAt(int p) {
        char c = text.charAt(p);
        int after;
        if (c == '"' || c == '\'') {
            int close = closingQuote(p);
            if (close < 0) {
                return false;
            }
            after = close + 1;
        } else if (c == '\\' && p + 1 < n && text.charAt(p + 1) == '"') {
            int q = p + 2;
            while (q < n && text.charAt(q) != '\\' && text.charAt(q) != '"') {
                q++;
            }
            if (q + 1 >= n || text.charAt(q) != '\\' || text.charAt(q + 1) != '"') {
                return false;
            }
            after = q + 2;
        } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || isUnicodeEscapeAt(p)) {
            after = wordEnd(p);
        } else {
            return false;
        }
        after = skipGap(after);
        return after < n && text.charAt(after) == ':';
    }

    /**
     * The index of the quote closing the one at {@code open} (backslash escapes respected), or
     * -1 when the text ends first. A table lookup: whether a backslash escapes a quote depends
     * only on the run of backslashes right before it, which cannot reach back past the opening
     * quote, so the closing quote is the first unescaped one after {@code open} whatever the
     * string's start.
     */
    int closingQuote(int open) {
        int[] next = text.charAt(open) == '"' ? doubleQuotes() : singleQuotes();
        return open + 1 < next.length ? next[open + 1] : -1;
    }

    private int[] doubleQuotes() {
        if (nextDouble == null) {
            nextDouble = unescapedQuotes('"');
        }
        return nextDouble;
    }

    private int[] singleQuotes() {
        if (nextSingle == null) {
            nextSingle = unescapedQuotes('\'');
        }
        return nextSingle;
    }

    /**
     * For every position up to the last unescaped {@code quote}, the first one at or after it
     * (past the table there is none); one pass from the end (each run of backslashes is read
     * again at most by the quote right after it).
     */
    private int[] unescapedQuotes(char quote) {
        int last = n - 1;
        while (last >= 0 && !(text.charAt(last) == quote && !isEscaped(last))) {
            last--;
        }
        int[] next = new int[last + 1];
        int following = -1;
        for (int p = last; p >= 0; p--) {
            if (text.charAt(p) == quote && !isEscaped(p)) {
                following = p;
            }
            next[p] = following;
        }
        return next;
    }

    /** True when the char at {@code p} follows an odd run of backslashes. */
    boolean isEscaped(int p) {
        int q = p - 1;
        while (q >= 0 && text.charAt(q) == '\\') {
            q--;
        }
        return (p - 1 - q) % 2 == 1;
    }

    /**
     * For a string escaped inside another JSON string ({@code \"...\"}): the index after its
     * closing {@code \"}, or the end. Inside it, a quote preceded by 4k+1 backslashes closes
     * it, one preceded by 4k+3 is an escaped quote of the inner value, and one preceded by an
     * even number ends the outer string.
     */
    int escapedStringEnd(int from) {
        int backslashes = 0;
        for (int p = from; p < n; p++) {
            char c = text.charAt(p);
            if (c == '\\') {
                backslashes++;
            } else {
                if (c == '"' && backslashes % 4 == 1) {
                    return p + 1;
                }
                if (c == '"' && backslashes % 2 == 0) {
                    return p; // the outer string ends here
                }
                backslashes = 0;
            }
        }
        return n;
    }

    /**
     * The index after the bracket matching the one at {@code open}, or the end of the text.
     * Strings are skipped; a closing bracket of the wrong kind is damage and does not count.
     */
    int matchingBracket(int open) {
        StringBuilder stack = new StringBuilder();
        int p = open;
        while (p < n) {
            char c = text.charAt(p);
            if (c == '"' || (c == '\'' && json)) {
                int close = closingQuote(p);
                if (close < 0) {
                    return n;
                }
                p = close + 1;
                continue;
            }
            int comment = commentEnd(p);
            if (comment > p) {
                p = comment;
                continue;
            }
            if (c == '{' || c == '[') {
                stack.append(c);
            } else if ((c == '}' || c == ']') && stack.charAt(stack.length() - 1) == (c == '}' ? '{' : '[')) {
                stack.setLength(stack.length() - 1);
                if (stack.length() == 0) {
                    return p + 1;
                }
            }
            p++;
        }
        return n;
    }

    static boolean isStructural(char c) {
        return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
    }

    /** True when the text from {@code start} to {@code end}, JSON-unescaped, is a sensitive name; copied only if it may be one. */
    boolean nameAt(int start, int end) {
        if (start >= end || !names.mayOccurIn(text, start, end)) {
            return false;
        }
        int length = end - start;
        if (lastName == null || lastName.length() != length || !text.regionMatches(start, lastName, 0, length)) {
            lastName = text.substring(start, end);
            lastNameMatched = names.matches(unescape(start, end));
        }
        return lastNameMatched;
    }

    /** The JSON-unescaped text between {@code start} and {@code end}; malformed escapes are kept as they are. */
    String unescape(int start, int end) {
        int backslash = start;
        while (backslash < end && text.charAt(backslash) != '\\') {
            backslash++;
        }
        if (backslash >= end) {
            return text.substring(start, end);
        }
        StringBuilder sb = new StringBuilder(end - start);
        int p = start;
        while (p < end) {
            char c = text.charAt(p);
            if (c != '\\' || p + 1 >= end) {
                sb.append(c);
                p++;
                continue;
            }
            char e = text.charAt(p + 1);
            int decoded = Escapes.jsonEscape(text, p, end);
            if (decoded >= 0) {
                sb.append((char) decoded);
                p += e == 'u' ? 6 : 2;
            } else {
                // not one of JSON's: a malformed u-escape is kept whole, any other backslash dropped
                sb.append(e == 'u' ? "\\" : "").append(e);
                p += 2;
            }
        }
        return sb.toString();
    }

    /** Skips blanks: spaces on one line, Unicode spaces and format chars included (not line ends). */
    int skipBlanks(int from) {
        int p = from;
        while (p < n && isBlank(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Skips whitespace, Unicode spaces and format chars. */
    int skipWhitespace(int from) {
        int p = from;
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Skips whitespace and comments (JSON mode): what may stand between tokens. */
    int skipGap(int from) {
        int p = skipWhitespace(from);
        int comment;
        while ((comment = commentEnd(p)) > p) {
            p = skipWhitespace(comment);
        }
        return p;
    }

    /** Skips blanks and, in running text, a {@code /* *}{@code /} comment on the line: between a name and {@code =} or {@code :}. */
    int skipBlankGap(int from) {
        int p = skipBlanks(from);
        while (p + 1 < n && text.charAt(p) == '/' && text.charAt(p + 1) == '*') {
            p = skipBlanks(blockCommentEnd(p));
        }
        return p;
    }

    /**
     * In JSON mode, the index after the comment starting at {@code p} ({@code /* ... *}{@code /},
     * or {@code //} to the line end), the end of the text when it is not closed; else {@code p}.
     */
    int commentEnd(int p) {
        if (!json || p + 1 >= n || text.charAt(p) != '/') {
            return p;
        }
        char c = text.charAt(p + 1);
        if (c == '*') {
            return blockCommentEnd(p);
        }
        if (c == '/') {
            if (lineEnds == null) {
                lineEnds = new int[n + 1];
                int next = n;
                for (int q = n; q >= 0; q--) {
                    if (q < n && (text.charAt(q) == '\n' || text.charAt(q) == '\r')) {
                        next = q;
                    }
                    lineEnds[q] = next;
                }
            }
            return lineEnds[p + 2];
        }
        return p;
    }

    /**
     * The index after the {@code *}{@code /} closing the comment opened at {@code p}, or the end.
     * A table lookup, built on first use: the same unclosed comment may be met from many places.
     */
    private int blockCommentEnd(int p) {
        if (commentCloses == null) {
            commentCloses = new int[n + 1];
            int next = n;
            for (int q = n; q >= 0; q--) {
                if (q + 1 < n && text.charAt(q) == '*' && text.charAt(q + 1) == '/') {
                    next = q + 2;
                }
                commentCloses[q] = next;
            }
        }
        return commentCloses[Math.min(n, p + 2)];
    }

    /**
     * Whitespace, and what {@link Character#isWhitespace} leaves out: no-break spaces, format
     * chars (zero-width), NEL, and U+FFFD (an undecodable byte, such as a Latin-1 no-break
     * space read as UTF-8).
     */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || c == '\u0085' || c == '\uFFFD';
    }

    static boolean isBlank(char c) {
        return c != '\n' && c != '\r' && c != '\u2028' && c != '\u2029' && isSpace(c);
    }

    /**
     * Separators that may stand, damaged or doubled, between a key and its value in broken
     * JSON; a backslash too, unless it starts an escaped quote (JSON inside a string).
     */
    boolean isJunkAt(int p) {
        char c = text.charAt(p);
        if (c == '\\') {
            return p + 1 >= n || text.charAt(p + 1) != '"';
        }
        return c == ':' || c == '=' || c == ',' || c == ';' || c == '}' || c == ']';
    }

    static boolean isValueStart(char c) {
        return c == '"' || c == '\'' || c == '{' || c == '[' || c == '-' || c == '\\' || Character.isLetterOrDigit(c);
    }

    /** Chars of an unquoted name; format chars (zero-width) and U+FFFD too, which names are normalized without. */
    static boolean isWordChar(char c) {
        return c < 128 ? ASCII_WORD[c]
                : Character.isLetterOrDigit(c) || Character.getType(c) == Character.FORMAT || c == '\uFFFD';
    }

    static boolean isWordCharSlow(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '%' || c == '+'
                || c == '[' || c == ']';
    }
}
