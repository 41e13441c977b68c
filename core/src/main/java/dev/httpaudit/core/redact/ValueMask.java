package dev.httpaudit.core.redact;

/**
 * Masks the value that follows a sensitive name a recognizer found, and records what it
 * masked: first the separator ({@code :} or {@code =}, damaged ones in JSON mode), then the
 * value itself, a quoted string, an object or array, an escaped string or a bare run (in
 * JSON mode: everything up to where the document clearly goes on; see
 * {@link TextPatterns}). Written once for every recognizer that finds a name followed by a
 * value ({@link QuotedNameRule}, {@link WordNameRule}), and the holder of the one
 * {@link Splice} all masks of a text go into, so that they stay in ascending order.
 */
final class ValueMask {

    private final TextLexer lex;
    private final String text;
    private final int n;
    private final boolean json;
    final String replacement;
    final MaskedValues masked;
    private final Splice out;
    /** The value being masked follows {@code ?}, {@code &}, {@code #} or {@code ;}name= (a URL): {@code #} ends it. */
    private boolean urlValue;

    ValueMask(TextLexer lex, String replacement, MaskedValues masked) {
        this.lex = lex;
        this.text = lex.text;
        this.n = lex.n;
        this.json = lex.json;
        this.replacement = replacement;
        this.masked = masked;
        this.out = new Splice(lex.text);
    }

    /**
     * Masks the value of a name, starting at {@code valueStart} (as
     * {@link #valueStartAfterName} found it); returns where scanning goes on.
     *
     * @param keyLike  whether the name reads as a key (quoted, or where a key would start)
     * @param urlValue whether the name follows {@code ?}, {@code &}, {@code #} or {@code ;} (a
     *                 URL): {@code #} then ends a bare value
     */
    int value(int valueStart, boolean keyLike, boolean urlValue) {
        this.urlValue = urlValue;
        return maskValue(valueStart, separatorBefore(valueStart), keyLike);
    }

    /** The text with every mask spliced in; the same instance when nothing was masked. */
    String result() {
        return out.result();
    }

    /**
     * Where the value of a name ending at {@code from} starts, or -1 when what follows is no
     * separator (so the name is not a key).
     */
    int valueStartAfterName(int from, boolean keyLike) {
        // a quoted name may be followed by a line break before its separator, as in JSON; a
        // word in running text may not
        int p = json ? lex.skipGap(from) : keyLike ? lex.skipWhitespace(from) : lex.skipBlankGap(from);
        if (p < n && (text.charAt(p) == ':' || text.charAt(p) == '=')) {
            if (json) {
                return skipJunk(p + 1);
            }
            return text.charAt(p) == ':' ? lex.skipWhitespace(p + 1) : lex.skipBlanks(p + 1);
        }
        if (!json) {
            return -1;
        }
        int start = p;
        if (keyLike) {
            // a damaged key: stray closers or commas, then a separator or a value right away
            // (unless what follows is clearly the next key: then the name was a value itself)
            int q = start;
            while (q < n && lex.isJunkAt(q) && text.charAt(q) != ':' && text.charAt(q) != '=') {
                q = lex.skipGap(q + 1);
            }
            if (q >= n) {
                return -1;
            }
            if (text.charAt(q) == ':' || text.charAt(q) == '=') {
                q = skipJunk(q + 1);
                return q < n ? q : -1;
            }
            if (q > start && lex.isKeyAt(q)) {
                return -1;
            }
            return TextLexer.isValueStart(text.charAt(q)) ? q : -1;
        }
        // a word in running text: only a separator behind stray brackets, quotes or commas
        int q = start;
        boolean separatorSeen = false;
        while (q < n && !separatorSeen && (lex.isJunkAt(q) || "{[\"'".indexOf(text.charAt(q)) >= 0)) {
            separatorSeen = text.charAt(q) == ':' || text.charAt(q) == '=';
            q = separatorSeen ? q + 1 : lex.skipGap(q + 1);
        }
        if (separatorSeen) {
            q = skipJunk(q);
            return q < n ? q : -1;
        }
        return -1;
    }

    /**
     * Skips whitespace and stray separators (JSON mode), up to where a value may start; a
     * comment there is left in front of the value, to be masked with it.
     */
    private int skipJunk(int from) {
        int p = lex.skipWhitespace(from);
        while (p < n && lex.isJunkAt(p)) {
            p = lex.skipWhitespace(p + 1);
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
            if (c == ':' || !TextLexer.isSpace(c)) {
                return ':';
            }
        }
        return ':';
    }

    /**
     * Masks the value starting at {@code start}; returns where scanning goes on. In JSON mode
     * the value of a key (or of anything after {@code :}) is masked as a JSON value; a
     * {@code word=value} pair keeps the query-like end of its value.
     */
    private int maskValue(int start, char separator, boolean keyLike) {
        if (start >= n) {
            return n;
        }
        if (json && (separator == ':' || keyLike)) {
            return maskJsonValue(start);
        }
        char c = text.charAt(start);
        if (c == '"' || c == '\'') {
            int close = lex.closingQuote(start);
            int contentEnd = close < 0 ? n : close;
            if (contentEnd > start + 1) {
                record(lex.unescape(start + 1, contentEnd));
                record(text.substring(start + 1, contentEnd));
                replace(start + 1, contentEnd, replacement);
            }
            return close < 0 ? n : close + 1;
        }
        if (c == '\\' && start + 1 < n && text.charAt(start + 1) == '"') {
            int end = lex.escapedStringEnd(start + 2);
            recordLeaves(start, end);
            replace(start, end, replacement);
            return end;
        }
        if (c == '{' || c == '[') {
            int end = lex.matchingBracket(start);
            recordLeaves(start, end);
            replace(start, end, replacement);
            return end;
        }
        int end = start;
        while (end < n && !endsBareValue(text.charAt(end), separator)) {
            end++;
        }
        int trimmed = end;
        while (trimmed > start && TextLexer.isSpace(text.charAt(trimmed - 1))) {
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

    /**
     * JSON mode: masks the value at {@code start}, and goes on masking until the document
     * clearly continues: at a {@code ,} followed by the next key ({@code "name":}), at the
     * {@code }} closing the enclosing object, or at the end. So whatever damage sits inside
     * or next to the value (a missing bracket, a stray quote, a lost comma), nothing of it is
     * left. Once the value shows damage (two values with nothing between them, a comma not
     * followed by a key), a following key is no longer trusted to start a new member and
     * only the enclosing object's end stops the mask. A {@code :} inside the value means an
     * object lost its opening brace: the value then runs to that object's closing brace. A
     * sensitive name met on the way ends the value there, so that it is masked as a key of its
     * own. Comments between the parts are masked with them.
     */
    private int maskJsonValue(int start) {
        int end = start;
        int p = start;
        int units = 0;
        char firstUnit = 0;
        boolean firstClosed = false;
        boolean implicitObject = false;
        boolean damaged = false;
        while (p < n) {
            char c = text.charAt(p);
            int comment = lex.commentEnd(p);
            if (comment > p) {
                end = comment;
                p = lex.skipWhitespace(comment);
                continue;
            }
            if (units > 0) {
                if (c == '}') {
                    if (!implicitObject) {
                        break;
                    }
                    implicitObject = false;
                    end = p + 1;
                    p = lex.skipWhitespace(p + 1);
                    units++;
                    continue;
                }
                if (c == ',') {
                    int next = lex.skipGap(p + 1);
                    while (next < n && text.charAt(next) == ',') {
                        next = lex.skipGap(next + 1);
                    }
                    if (next >= n || text.charAt(next) == '}' || text.charAt(next) == ']') {
                        break;
                    }
                    boolean key = lex.isKeyAt(next);
                    if (key && !implicitObject && !damaged) {
                        break;
                    }
                    damaged |= !key;
                    end = p + 1;
                    p = next;
                    units++;
                    continue;
                }
                if (c == ':') {
                    implicitObject = true;
                    end = p + 1;
                    p = lex.skipWhitespace(p + 1);
                    units++;
                    continue;
                }
                // a second value with no separator before it: the structure here is broken, so
                // from now on only the enclosing object's end is trusted
                damaged = true;
            }
            if (units > 0 && lex.isSensitiveNameAt(p)) {
                break; // a damaged key of its own: left to the main scan
            }
            int unitEnd = jsonUnitEnd(p);
            recordUnit(p, unitEnd);
            if (units == 0) {
                firstUnit = p == start ? c : 0; // 0: a comment came first, the mask is a string
                firstClosed = unitEnd - p >= 2 && text.charAt(unitEnd - 1) == c;
            }
            units++;
            end = unitEnd;
            p = lex.skipWhitespace(unitEnd);
        }
        String masked;
        if (units == 1 && (firstUnit == '"' || firstUnit == '\'')) {
            // one string: keep its quotes (the closing one only if it was there)
            masked = firstUnit + replacement + (firstClosed ? String.valueOf(firstUnit) : "");
        } else if (units == 1 && firstUnit != 0 && firstUnit != '{' && firstUnit != '[' && firstUnit != '\\') {
            masked = replacement;
        } else {
            masked = '"' + replacement + '"';
        }
        replace(start, end, masked);
        return end;
    }

    /** The end of one JSON-ish unit at {@code p}: a string, an object or array, or a bare run. */
    private int jsonUnitEnd(int p) {
        char c = text.charAt(p);
        if (c == '"' || c == '\'') {
            int close = lex.closingQuote(p);
            return close < 0 ? n : close + 1;
        }
        if (c == '\\' && p + 1 < n && text.charAt(p + 1) == '"') {
            return lex.escapedStringEnd(p + 2);
        }
        if (c == '{' || c == '[') {
            return lex.matchingBracket(p);
        }
        int end = p + 1;
        while (end < n) {
            char e = text.charAt(end);
            if (e == ',' || e == '}' || e == ']' || e == '{' || e == '[' || e == '"' || e == '\'' || e == ':'
                    || TextLexer.isSpace(e) || (e == '\\' && end + 1 < n && text.charAt(end + 1) == '"')
                    || lex.commentEnd(end) > end) {
                break;
            }
            end++;
        }
        return end;
    }

    private void recordUnit(int start, int end) {
        char c = text.charAt(start);
        if (c == '"' || c == '\'') {
            int contentEnd = end > start + 1 && text.charAt(end - 1) == c ? end - 1 : end;
            record(lex.unescape(start + 1, contentEnd));
            record(text.substring(start + 1, contentEnd));
        } else if (c == '{' || c == '[' || c == '\\') {
            recordLeaves(start, end);
        } else {
            record(text.substring(start, end));
        }
    }

    /** Records the scalars inside a masked object or array (strings unescaped; keys skipped). */
    private void recordLeaves(int start, int end) {
        int p = start;
        while (p < end) {
            char c = text.charAt(p);
            if (c == '"') {
                int close = lex.closingQuote(p);
                int contentEnd = close < 0 || close > end ? end : close;
                int after = lex.skipWhitespace(Math.min(end, contentEnd + 1));
                if (after >= end || text.charAt(after) != ':') {
                    record(lex.unescape(p + 1, contentEnd));
                }
                p = contentEnd + 1;
            } else if (TextLexer.isStructural(c) || Character.isWhitespace(c) || c == '\\') {
                p++;
            } else {
                int tokenEnd = p;
                while (tokenEnd < end && !TextLexer.isStructural(text.charAt(tokenEnd)) && text.charAt(tokenEnd) != '"'
                        && text.charAt(tokenEnd) != '\\' && !Character.isWhitespace(text.charAt(tokenEnd))) {
                    tokenEnd++;
                }
                int after = lex.skipWhitespace(tokenEnd);
                if (after >= end || text.charAt(after) != ':') {
                    record(text.substring(p, tokenEnd));
                }
                p = tokenEnd;
            }
        }
        record(text.substring(start, end));
    }

    private boolean endsBareValue(char c, char separator) {
        if (separator == '=') {
            return c == '&' || c == '"' || c == '\'' || c == '<' || c == '>' || Character.isWhitespace(c)
                    || (urlValue && c == '#');
        }
        return c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029'
                || (!json && c == '<');
    }

    void record(String value) {
        masked.add(value);
    }

    void replace(int start, int end, String with) {
        if (end - start == with.length() && text.startsWith(with, start)) {
            return; // already masked
        }
        out.replace(start, end, with);
    }
}
