package dev.httpaudit.core.redact;

/**
 * Masks values that follow sensitive names in text that cannot be parsed: JSON that is
 * malformed, cut at the capture limit or nested too deep, and free text (plain text, XML,
 * HTML, error messages). A single left-to-right scan, no regular expressions; it may mask
 * more than a parser would, never less.
 *
 * <p>What it recognizes, wherever it starts (every quote and every word start is tried, so
 * a stray or missing quote cannot shift it out of step):
 * <ul>
 *   <li>{@code "name": value} and {@code 'name': value}, with JSON escapes in the name
 *       ({@code "pass\u0077ord"}); also {@code "name"=value};</li>
 *   <li>{@code name: value}, {@code name=value}, {@code name\":value} (unquoted JSON keys,
 *       {@code key=value} pairs, JSON inside a JSON string);</li>
 *   <li>{@code <name ...>content</name>} (XML and HTML elements).</li>
 * </ul>
 * A value is a quoted string (to its closing quote, or the end of the text when cut), an
 * object or array (to its matching bracket, strings respected, or the end), or else a bare
 * run: after {@code :} up to {@code , } ]} or a line end, after {@code =} up to {@code &},
 * whitespace, a quote or {@code < >}.
 *
 * <p>In JSON mode, a sensitive quoted name counts as a key even when its colon is missing
 * or damaged ({@code "password" "x"}, {@code "password",:"x"}), separators between the key
 * and its value are skipped, and anything left between a masked string and the next
 * separator ({@code "password":"ab"cd"}) is masked too.
 */
final class TextPatterns {

    /** A quoted name longer than this is not tried as a key (bounds the work per quote). */
    private static final int MAX_KEY_CHARS = 1024;

    private final String text;
    private final int n;
    private final SensitiveNames names;
    private final String replacement;
    private final MaskedValues masked;
    private final boolean json;
    private StringBuilder out;
    private int copied;
    /** Start of a quoted run with no closing quote before the end, per quote kind: later ones cannot close either. */
    private int unclosedDouble = Integer.MAX_VALUE;
    private int unclosedSingle = Integer.MAX_VALUE;

    private TextPatterns(String text, SensitiveNames names, String replacement, MaskedValues masked, boolean json) {
        this.text = text;
        this.n = text.length();
        this.names = names;
        this.replacement = replacement;
        this.masked = masked;
        this.json = json;
    }

    /**
     * {@code text} with the values of sensitive names masked, each masked value recorded in
     * {@code masked}; the same instance when nothing was masked.
     *
     * @param json whether the text is meant to be JSON (more aggressive, see the class comment)
     */
    static String redact(String text, SensitiveNames names, String replacement, MaskedValues masked, boolean json) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return new TextPatterns(text, names, replacement, masked, json).run();
    }

    private String run() {
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int next;
            if (c == '"' || c == '\'') {
                next = atQuote(i);
            } else if (c == '<') {
                next = atTag(i);
            } else if (isWordChar(c) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                next = atWord(i);
            } else {
                next = i + 1;
            }
            i = Math.max(next, i + 1);
        }
        if (out == null) {
            return text;
        }
        out.append(text, copied, n);
        return out.toString();
    }

    // ---- names ----

    private int atQuote(int i) {
        char quote = text.charAt(i);
        if (i > (quote == '"' ? unclosedDouble : unclosedSingle)) {
            return i + 1;
        }
        int close = closingQuote(i, MAX_KEY_CHARS);
        if (close == -1) {
            if (quote == '"') {
                unclosedDouble = Math.min(unclosedDouble, i);
            } else {
                unclosedSingle = Math.min(unclosedSingle, i);
            }
            return i + 1;
        }
        if (close < 0) {
            return i + 1; // longer than any key we try
        }
        int valueStart = valueStartAfterName(close + 1, true);
        if (valueStart < 0 || !names.matches(unescape(i + 1, close))) {
            return i + 1; // not a sensitive key; its inside is scanned too
        }
        return maskValue(valueStart, separatorBefore(valueStart));
    }

    private int atWord(int i) {
        int end = i;
        while (end < n && isWordChar(text.charAt(end))) {
            end++;
        }
        int k = end;
        while (k < n && text.charAt(k) == '\\') {
            k++;
        }
        boolean quoteAfter = k < n && (text.charAt(k) == '"' || text.charAt(k) == '\'');
        int valueStart = valueStartAfterName(quoteAfter ? k + 1 : end, quoteAfter);
        if (valueStart < 0 || !names.matches(text.substring(i, end))) {
            return end;
        }
        return maskValue(valueStart, separatorBefore(valueStart));
    }

    /**
     * Where the value of a name ending at {@code from} starts, or -1 when what follows is no
     * separator (so the name is not a key).
     */
    private int valueStartAfterName(int from, boolean quotedName) {
        int p = json ? skipWhitespace(from) : skipBlanks(from);
        if (p < n && (text.charAt(p) == ':' || text.charAt(p) == '=')) {
            char separator = text.charAt(p);
            return separator == ':' ? skipAfterColon(p + 1) : skipBlanks(p + 1);
        }
        if (!json || !quotedName) {
            return -1;
        }
        // JSON mode, no separator right after the name: a damaged key?
        int q = skipWhitespace(from);
        boolean separatorSeen = false;
        while (q < n && isJunk(text.charAt(q))) {
            separatorSeen |= text.charAt(q) == ':' || text.charAt(q) == '=';
            q++;
            q = skipWhitespace(q);
        }
        if (q >= n) {
            return -1;
        }
        if (separatorSeen || (q == skipWhitespace(from) && isValueStart(text.charAt(q)))) {
            return q;
        }
        return -1;
    }

    private int skipAfterColon(int from) {
        int p = skipWhitespace(from);
        if (json) {
            while (p < n && isJunk(text.charAt(p))) {
                p = skipWhitespace(p + 1);
            }
        }
        return p;
    }

    /** The separator that introduced the value at {@code valueStart}: {@code =} or else {@code :}. */
    private char separatorBefore(int valueStart) {
        for (int p = valueStart - 1; p >= 0; p--) {
            char c = text.charAt(p);
            if (c == '=') {
                return '=';
            }
            if (c == ':' || !(c == ' ' || c == '\t')) {
                return ':';
            }
        }
        return ':';
    }

    // ---- values ----

    /** Masks the value starting at {@code start}; returns where scanning goes on. */
    private int maskValue(int start, char separator) {
        if (start >= n) {
            return n;
        }
        char c = text.charAt(start);
        if (c == '"' || c == '\'') {
            int close = closingQuote(start, Integer.MAX_VALUE);
            int contentEnd = close < 0 ? n : close;
            int end = close < 0 ? n : close + 1;
            if (json && end < n) {
                int extended = junkAfterValue(end);
                if (extended > end) {
                    record(text.substring(end, extended).trim());
                    contentEnd = extended;
                    end = extended;
                }
            }
            if (contentEnd > start + 1) {
                record(unescape(start + 1, Math.min(contentEnd, close < 0 ? n : close)));
                record(text.substring(start + 1, contentEnd));
                replace(start + 1, contentEnd, replacement);
            }
            return end;
        }
        if (c == '\\' && start + 1 < n && text.charAt(start + 1) == '"') {
            int end = escapedStringEnd(start + 2);
            recordLeaves(start, end);
            replace(start, end, replacement);
            return end;
        }
        if (c == '{' || c == '[') {
            int end = matchingBracket(start);
            recordLeaves(start, end);
            replace(start, end, json ? '"' + replacement + '"' : replacement);
            return end;
        }
        int end = start;
        while (end < n && !endsBareValue(text.charAt(end), separator)) {
            end++;
        }
        int trimmed = end;
        while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) {
            trimmed--;
        }
        if (trimmed > start) {
            String raw = text.substring(start, trimmed);
            record(raw);
            if (separator == '=') {
                record(QueryStrings.formDecode(raw));
            }
            replace(start, trimmed, replacement);
        }
        return end;
    }

    /** After a masked string in JSON mode: the end of anything up to the next separator that should not be there. */
    private int junkAfterValue(int from) {
        int p = skipBlanks(from);
        if (p >= n || endsBareValue(text.charAt(p), ':')) {
            return from;
        }
        int end = p;
        while (end < n && !endsBareValue(text.charAt(end), ':')) {
            end++;
        }
        while (end > p && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private boolean endsBareValue(char c, char separator) {
        if (separator == '=') {
            return c == '&' || c == '"' || c == '\'' || c == '<' || c == '>' || Character.isWhitespace(c);
        }
        return c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r' || (!json && c == '<');
    }

    // ---- XML ----

    private int atTag(int i) {
        int nameStart = i + 1;
        if (nameStart >= n || !(Character.isLetter(text.charAt(nameStart)) || text.charAt(nameStart) == '_')) {
            return i + 1;
        }
        int nameEnd = nameStart;
        while (nameEnd < n && isTagNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String tag = text.substring(nameStart, nameEnd);
        if (!names.matches(tag)) {
            return nameEnd; // attributes are scanned as words
        }
        int gt = text.indexOf('>', nameEnd);
        if (gt < 0) {
            return nameEnd;
        }
        if (text.charAt(gt - 1) == '/') {
            return gt + 1;
        }
        int contentStart = gt + 1;
        int close = indexOfIgnoreCase("</" + tag, contentStart);
        int contentEnd = close < 0 ? n : close;
        if (contentEnd > contentStart && !text.substring(contentStart, contentEnd).isBlank()) {
            record(text.substring(contentStart, contentEnd).trim());
            replace(contentStart, contentEnd, replacement);
        }
        // attributes of the start tag (name="...") are left to the word rule only if they
        // hold a sensitive name; scanning resumes at the closing tag
        return close < 0 ? n : close;
    }

    private int indexOfIgnoreCase(String needle, int from) {
        int last = n - needle.length();
        for (int p = from; p <= last; p++) {
            if (text.charAt(p) == '<' && text.regionMatches(true, p, needle, 0, needle.length())) {
                return p;
            }
        }
        return -1;
    }

    private static boolean isTagNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
    }

    // ---- lexing helpers ----

    /**
     * The index of the quote closing the one at {@code open} (backslash escapes respected);
     * -1 when the text ends first, -2 when {@code limit} chars pass first.
     */
    private int closingQuote(int open, int limit) {
        char quote = text.charAt(open);
        long stop = Math.min((long) n, (long) open + 1 + limit);
        int p = open + 1;
        while (p < stop) {
            char c = text.charAt(p);
            if (c == '\\') {
                p += 2;
            } else if (c == quote) {
                return p;
            } else {
                p++;
            }
        }
        return stop >= n ? -1 : -2;
    }

    /**
     * For a string escaped inside another JSON string ({@code \"...\"}): the index after its
     * closing {@code \"}, or the end. Inside it, a quote preceded by 4k+1 backslashes closes
     * it, one preceded by 4k+3 is an escaped quote of the inner value, and one preceded by an
     * even number ends the outer string.
     */
    private int escapedStringEnd(int from) {
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

    /** The index after the bracket matching the one at {@code open}, or the end of the text. */
    private int matchingBracket(int open) {
        int depth = 0;
        int p = open;
        while (p < n) {
            char c = text.charAt(p);
            if (c == '"') {
                int close = closingQuote(p, Integer.MAX_VALUE);
                if (close < 0) {
                    return n;
                }
                p = close + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return p + 1;
                }
            }
            p++;
        }
        return n;
    }

    /** Records the scalars inside a masked object or array (strings unescaped; keys skipped). */
    private void recordLeaves(int start, int end) {
        int p = start;
        while (p < end) {
            char c = text.charAt(p);
            if (c == '"') {
                int close = closingQuote(p, Integer.MAX_VALUE);
                int contentEnd = close < 0 || close > end ? end : close;
                int after = skipWhitespace(Math.min(end, contentEnd + 1));
                if (after >= end || text.charAt(after) != ':') {
                    record(unescape(p + 1, contentEnd));
                }
                p = contentEnd + 1;
            } else if (isStructural(c) || Character.isWhitespace(c) || c == '\\') {
                p++;
            } else {
                int tokenEnd = p;
                while (tokenEnd < end && !isStructural(text.charAt(tokenEnd)) && text.charAt(tokenEnd) != '"'
                        && text.charAt(tokenEnd) != '\\' && !Character.isWhitespace(text.charAt(tokenEnd))) {
                    tokenEnd++;
                }
                int after = skipWhitespace(tokenEnd);
                if (after >= end || text.charAt(after) != ':') {
                    record(text.substring(p, tokenEnd));
                }
                p = tokenEnd;
            }
        }
        record(text.substring(start, end));
    }

    private static boolean isStructural(char c) {
        return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
    }

    /** The JSON-unescaped text between {@code start} and {@code end}; malformed escapes are kept as they are. */
    private String unescape(int start, int end) {
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
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    int code = p + 6 <= end ? hex4(p + 2) : -1;
                    if (code < 0) {
                        sb.append(c).append(e);
                    } else {
                        sb.append((char) code);
                        p += 4;
                    }
                }
                default -> sb.append(e);
            }
            p += 2;
        }
        return sb.toString();
    }

    private int hex4(int at) {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int digit = Character.digit(text.charAt(at + k), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private int skipBlanks(int from) {
        int p = from;
        while (p < n && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    private int skipWhitespace(int from) {
        int p = from;
        while (p < n && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Separators that may stand, damaged or doubled, between a key and its value in broken JSON. */
    private static boolean isJunk(char c) {
        return c == ':' || c == '=' || c == ',' || c == ';' || c == '}' || c == ']';
    }

    private static boolean isValueStart(char c) {
        return c == '"' || c == '\'' || c == '{' || c == '[' || c == '-' || c == '\\' || Character.isLetterOrDigit(c);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '%' || c == '+'
                || c == '[' || c == ']';
    }

    private void record(String value) {
        masked.add(value);
    }

    private void replace(int start, int end, String with) {
        if (out == null) {
            out = new StringBuilder(n + 16);
        }
        out.append(text, copied, start).append(with);
        copied = end;
    }
}
