package dev.httpaudit.core.redact;

/**
 * Masks values that follow sensitive names in text that cannot be parsed: JSON that is
 * malformed, cut at the capture limit or nested too deep, and free text (plain text, XML,
 * HTML, error messages). A single left-to-right scan, no regular expressions; it may mask
 * more than a parser would, never less.
 *
 * <p>What it recognizes, wherever it starts (every unescaped quote and every word start is
 * tried, so a stray or missing quote cannot shift it out of step):
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
 * whitespace, a quote or {@code < >} (and {@code #} in a URL: {@code ?name=value#...}).
 *
 * <p>In JSON mode (text meant to be JSON), a sensitive name counts as a key even when its
 * colon or a quote is missing or damaged ({@code "password" "x"}, {@code "password",:"x"},
 * {@code password":"x"}), stray separators between key and value are skipped, and a value
 * is masked until the document clearly goes on: at a {@code ,} followed by the next key, or
 * at the {@code }} closing the enclosing object. So damage inside or next to a value (a lost
 * bracket, a stray quote or comma) never leaves part of it visible. What cannot be undone:
 * a closing bracket inserted inside a value makes the rest of it read like ordinary members,
 * and two damages at one member can merge name and value into one token.
 *
 * <p>Between a name and its separator, and between the parts of a value, whatever a parser
 * could skip is skipped: whitespace, Unicode spaces (no-break, ideographic), format chars
 * (zero-width spaces and joiners, byte order marks) and, in JSON mode, {@code /* *}{@code /}
 * and {@code //} comments. A comment between a separator and its value is masked with the
 * value. Names of any length are tried.
 *
 * <p>Linear in the text whatever it holds: each quote's closing quote is looked up in a table
 * built in one pass, only unescaped quotes are tried as names (so the strings tried do not
 * overlap), a name's separator is looked for only when the name is sensitive (and the main
 * scan then goes on after the value), and every other lookahead either covers chars the scan
 * then skips or is bounded by the next delimiter.
 */
final class TextPatterns {

    /** {@link #isWordChar} for ASCII. */
    private static final boolean[] ASCII_WORD = new boolean[128];
    /** ASCII chars at which the main scan starts nothing: no quote, {@code <}, word char or backslash. */
    private static final boolean[] ASCII_INERT = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = isWordCharSlow(c);
            ASCII_INERT[c] = !ASCII_WORD[c] && c != '"' && c != '\'' && c != '<' && c != '\\';
        }
    }

    private final String text;
    private final int n;
    private final SensitiveNames names;
    private final String replacement;
    private final MaskedValues masked;
    private final boolean json;
    private StringBuilder out;
    private int copied;
    /** The value being masked follows {@code ?}, {@code &}, {@code #} or {@code ;}name= (a URL): {@code #} ends it. */
    private boolean urlValue;
    /**
     * Per quote kind, built on first use: at {@code p}, the first quote at or after {@code p}
     * that no backslash escapes, or -1.
     */
    private int[] nextDouble;
    private int[] nextSingle;
    /** The first {@code >} at or after {@link #gtFrom}, or -1: tags are met in ascending order. */
    private int gtFrom = Integer.MAX_VALUE;
    private int gtAt;
    /** Built on first use: at {@code p}, the index after the first {@code *}{@code /} at or after {@code p}, or {@code n}. */
    private int[] commentCloses;
    /** Built on first use: at {@code p}, the first line end at or after {@code p}, or {@code n}. */
    private int[] lineEnds;
    /**
     * The inside of the last quoted name tried that masked nothing (not sensitive, or no
     * value after it): when it is one word, the word rule would come to the same answer.
     */
    private int triedNameStart = -1;
    private int triedNameEnd = -1;
    /** The last name that went past the automaton, and whether it matched: names repeat. */
    private String lastName;
    private boolean lastNameMatched;

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
        if (text == null || text.isEmpty() || !names.mayOccurIn(text)) {
            return text;
        }
        return new TextPatterns(text, names, replacement, masked, json).run();
    }

    /**
     * As {@link #redact}, for a text already known to pass {@link SensitiveNames#mayOccurIn}
     * (the caller checked it): saves a second pass over it.
     */
    static String scan(String text, SensitiveNames names, String replacement, MaskedValues masked, boolean json) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return new TextPatterns(text, names, replacement, masked, json).run();
    }

    private String run() {
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128 && ASCII_INERT[c]) {
                i++; // most chars start nothing: one table lookup each
                continue;
            }
            int next;
            if (c == '"' || c == '\'') {
                next = atQuote(i);
            } else if (c == '<') {
                next = atTag(i);
            } else if ((isWordChar(c) || isUnicodeEscapeAt(i)) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
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
        if (isEscaped(i)) {
            // JSON inside a JSON string: its names are found by the word rule (name\":); trying
            // every escaped quote would scan the rest of the string once per quote
            return i + 1;
        }
        int close = closingQuote(i);
        if (close < 0) {
            return i + 1;
        }
        triedNameStart = i + 1;
        triedNameEnd = close;
        if (!nameAt(i + 1, close)) {
            return i + 1; // not a sensitive key; its inside is scanned too
        }
        int valueStart = valueStartAfterName(close + 1, true);
        if (valueStart < 0) {
            return i + 1;
        }
        if (hasStructure(i + 1, close)) {
            // a quote lost elsewhere may have pulled "name":value into this "key"
            String inside = text.substring(i + 1, close);
            String redacted = new TextPatterns(inside, names, replacement, masked, json).run();
            if (redacted != inside) {
                replace(i + 1, close, redacted);
            }
        }
        urlValue = false;
        return maskValue(valueStart, separatorBefore(valueStart), true);
    }

    private boolean hasStructure(int start, int end) {
        for (int p = start; p < end; p++) {
            char c = text.charAt(p);
            if (c == ':' || c == '=' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"'
                    || c == '\'') {
                return true;
            }
        }
        return false;
    }

    private int atWord(int i) {
        int end = wordEnd(i);
        int k = end;
        while (k < n && text.charAt(k) == '\\') {
            k++;
        }
        boolean quoteAfter = k < n && (text.charAt(k) == '"' || text.charAt(k) == '\'');
        if ((i == triedNameStart && end == triedNameEnd) || !nameAt(i, end)) {
            // (the whole inside of a quoted name just tried: the same name, the same lookahead)
            return end;
        }
        boolean keyLike = quoteAfter || (json && atKeyPosition(i));
        int valueStart = valueStartAfterName(quoteAfter ? k + 1 : end, keyLike);
        if (valueStart < 0) {
            return end;
        }
        urlValue = i > 0 && "?&#;".indexOf(text.charAt(i - 1)) >= 0;
        return maskValue(valueStart, separatorBefore(valueStart), keyLike);
    }

    /** True when what precedes {@code p} (a quote, blanks) is a {@code {} or {@code ,}: where a key would start. */
    private boolean atKeyPosition(int p) {
        int q = p - 1;
        if (q >= 0 && (text.charAt(q) == '"' || text.charAt(q) == '\'')) {
            q--;
        }
        while (q >= 0 && isSpace(text.charAt(q))) {
            q--;
        }
        return q < 0 || text.charAt(q) == '{' || text.charAt(q) == ',';
    }

    /** The end of the word at {@code p}; JSON {@code \\uXXXX} escapes count as word characters. */
    private int wordEnd(int p) {
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

    private boolean isUnicodeEscapeAt(int p) {
        return text.charAt(p) == '\\' && p + 5 < n && text.charAt(p + 1) == 'u' && hex4(p + 2) >= 0;
    }

    /**
     * Where the value of a name ending at {@code from} starts, or -1 when what follows is no
     * separator (so the name is not a key).
     */
    private int valueStartAfterName(int from, boolean keyLike) {
        // a quoted name may be followed by a line break before its separator, as in JSON; a
        // word in running text may not
        int p = json ? skipGap(from) : keyLike ? skipWhitespace(from) : skipBlankGap(from);
        if (p < n && (text.charAt(p) == ':' || text.charAt(p) == '=')) {
            if (json) {
                return skipJunk(p + 1);
            }
            return text.charAt(p) == ':' ? skipWhitespace(p + 1) : skipBlanks(p + 1);
        }
        if (!json) {
            return -1;
        }
        int start = p;
        if (keyLike) {
            // a damaged key: stray closers or commas, then a separator or a value right away
            // (unless what follows is clearly the next key: then the name was a value itself)
            int q = start;
            while (q < n && isJunkAt(q) && text.charAt(q) != ':' && text.charAt(q) != '=') {
                q = skipGap(q + 1);
            }
            if (q >= n) {
                return -1;
            }
            if (text.charAt(q) == ':' || text.charAt(q) == '=') {
                q = skipJunk(q + 1);
                return q < n ? q : -1;
            }
            if (q > start && isKeyAt(q)) {
                return -1;
            }
            return isValueStart(text.charAt(q)) ? q : -1;
        }
        // a word in running text: only a separator behind stray brackets, quotes or commas
        int q = start;
        boolean separatorSeen = false;
        while (q < n && !separatorSeen && (isJunkAt(q) || "{[\"'".indexOf(text.charAt(q)) >= 0)) {
            separatorSeen = text.charAt(q) == ':' || text.charAt(q) == '=';
            q = separatorSeen ? q + 1 : skipGap(q + 1);
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
        int p = skipWhitespace(from);
        while (p < n && isJunkAt(p)) {
            p = skipWhitespace(p + 1);
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
            if (c == ':' || !isSpace(c)) {
                return ':';
            }
        }
        return ':';
    }

    // ---- values ----

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
            int close = closingQuote(start);
            int contentEnd = close < 0 ? n : close;
            if (contentEnd > start + 1) {
                record(unescape(start + 1, contentEnd));
                record(text.substring(start + 1, contentEnd));
                replace(start + 1, contentEnd, replacement);
            }
            return close < 0 ? n : close + 1;
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
            replace(start, end, replacement);
            return end;
        }
        int end = start;
        while (end < n && !endsBareValue(text.charAt(end), separator)) {
            end++;
        }
        int trimmed = end;
        while (trimmed > start && isSpace(text.charAt(trimmed - 1))) {
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
            int comment = commentEnd(p);
            if (comment > p) {
                end = comment;
                p = skipWhitespace(comment);
                continue;
            }
            if (units > 0) {
                if (c == '}') {
                    if (!implicitObject) {
                        break;
                    }
                    implicitObject = false;
                    end = p + 1;
                    p = skipWhitespace(p + 1);
                    units++;
                    continue;
                }
                if (c == ',') {
                    int next = skipGap(p + 1);
                    while (next < n && text.charAt(next) == ',') {
                        next = skipGap(next + 1);
                    }
                    if (next >= n || text.charAt(next) == '}' || text.charAt(next) == ']') {
                        break;
                    }
                    boolean key = isKeyAt(next);
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
                    p = skipWhitespace(p + 1);
                    units++;
                    continue;
                }
                // a second value with no separator before it: the structure here is broken, so
                // from now on only the enclosing object's end is trusted
                damaged = true;
            }
            if (units > 0 && isSensitiveNameAt(p)) {
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
            p = skipWhitespace(unitEnd);
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
            int close = closingQuote(p);
            return close < 0 ? n : close + 1;
        }
        if (c == '\\' && p + 1 < n && text.charAt(p + 1) == '"') {
            return escapedStringEnd(p + 2);
        }
        if (c == '{' || c == '[') {
            return matchingBracket(p);
        }
        int end = p + 1;
        while (end < n) {
            char e = text.charAt(end);
            if (e == ',' || e == '}' || e == ']' || e == '{' || e == '[' || e == '"' || e == '\'' || e == ':'
                    || isSpace(e) || (e == '\\' && end + 1 < n && text.charAt(end + 1) == '"')
                    || commentEnd(end) > end) {
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
            record(unescape(start + 1, contentEnd));
            record(text.substring(start + 1, contentEnd));
        } else if (c == '{' || c == '[' || c == '\\') {
            recordLeaves(start, end);
        } else {
            record(text.substring(start, end));
        }
    }

    /** True when a string or word at {@code p} is a sensitive name. */
    private boolean isSensitiveNameAt(int p) {
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
    private boolean isKeyAt(int p) {
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

    private boolean endsBareValue(char c, char separator) {
        if (separator == '=') {
            return c == '&' || c == '"' || c == '\'' || c == '<' || c == '>' || Character.isWhitespace(c)
                    || (urlValue && c == '#');
        }
        return c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029'
                || (!json && c == '<');
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
        if (nameEnd < n && !(isSpace(text.charAt(nameEnd)) || text.charAt(nameEnd) == '>'
                || text.charAt(nameEnd) == '/')) {
            return i + 1; // no tag (<password=x): the name is left to the word rule
        }
        String tag = text.substring(nameStart, nameEnd);
        if (!names.matches(tag)) {
            return nameEnd; // attributes are scanned as words
        }
        int gt = nextGt(nameEnd);
        if (gt < 0) {
            return i + 1;
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

    /**
     * The first {@code >} at or after {@code from}. Tags are met left to right, so the answer
     * for an earlier position still holds when it is not before {@code from}: many {@code <name}
     * without a {@code >} cost one scan, not one each.
     */
    private int nextGt(int from) {
        if (from < gtFrom || (gtAt >= 0 && gtAt < from)) {
            gtAt = text.indexOf('>', from);
        }
        gtFrom = from;
        return gtAt;
    }

    /**
     * The first {@code needle} (which starts with {@code <}) at or after {@code from}, case
     * aside. Linear: a match attempt from one {@code <} cannot run past the next {@code <},
     * which the needle holds only at its start.
     */
    private int indexOfIgnoreCase(String needle, int from) {
        int last = n - needle.length();
        for (int p = text.indexOf("</", from); p >= 0 && p <= last; p = text.indexOf("</", p + 2)) {
            if (text.regionMatches(true, p, needle, 0, needle.length())) {
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
     * The index of the quote closing the one at {@code open} (backslash escapes respected), or
     * -1 when the text ends first. A table lookup: whether a backslash escapes a quote depends
     * only on the run of backslashes right before it, which cannot reach back past the opening
     * quote, so the closing quote is the first unescaped one after {@code open} whatever the
     * string's start.
     */
    private int closingQuote(int open) {
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
    private boolean isEscaped(int p) {
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

    /**
     * The index after the bracket matching the one at {@code open}, or the end of the text.
     * Strings are skipped; a closing bracket of the wrong kind is damage and does not count.
     */
    private int matchingBracket(int open) {
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

    /** Records the scalars inside a masked object or array (strings unescaped; keys skipped). */
    private void recordLeaves(int start, int end) {
        int p = start;
        while (p < end) {
            char c = text.charAt(p);
            if (c == '"') {
                int close = closingQuote(p);
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

    /** True when the text from {@code start} to {@code end}, JSON-unescaped, is a sensitive name; copied only if it may be one. */
    private boolean nameAt(int start, int end) {
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
            char c = text.charAt(at + k);
            int digit = c < 128 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** Skips blanks: spaces on one line, Unicode spaces and format chars included (not line ends). */
    private int skipBlanks(int from) {
        int p = from;
        while (p < n && isBlank(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Skips whitespace, Unicode spaces and format chars. */
    private int skipWhitespace(int from) {
        int p = from;
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Skips whitespace and comments (JSON mode): what may stand between tokens. */
    private int skipGap(int from) {
        int p = skipWhitespace(from);
        int comment;
        while ((comment = commentEnd(p)) > p) {
            p = skipWhitespace(comment);
        }
        return p;
    }

    /** Skips blanks and, in running text, a {@code /* *}{@code /} comment on the line: between a name and {@code =} or {@code :}. */
    private int skipBlankGap(int from) {
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
    private int commentEnd(int p) {
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

    private static boolean isBlank(char c) {
        return c != '\n' && c != '\r' && c != '\u2028' && c != '\u2029' && isSpace(c);
    }

    /**
     * Separators that may stand, damaged or doubled, between a key and its value in broken
     * JSON; a backslash too, unless it starts an escaped quote (JSON inside a string).
     */
    private boolean isJunkAt(int p) {
        char c = text.charAt(p);
        if (c == '\\') {
            return p + 1 >= n || text.charAt(p + 1) != '"';
        }
        return c == ':' || c == '=' || c == ',' || c == ';' || c == '}' || c == ']';
    }

    private static boolean isValueStart(char c) {
        return c == '"' || c == '\'' || c == '{' || c == '[' || c == '-' || c == '\\' || Character.isLetterOrDigit(c);
    }

    /** Chars of an unquoted name; format chars (zero-width) and U+FFFD too, which names are normalized without. */
    static boolean isWordChar(char c) {
        return c < 128 ? ASCII_WORD[c]
                : Character.isLetterOrDigit(c) || Character.getType(c) == Character.FORMAT || c == '\uFFFD';
    }

    private static boolean isWordCharSlow(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '%' || c == '+'
                || c == '[' || c == ']';
    }

    private void record(String value) {
        masked.add(value);
    }

    private void replace(int start, int end, String with) {
        if (end - start == with.length() && text.startsWith(with, start)) {
            return; // already masked
        }
        if (out == null) {
            out = new StringBuilder(n + 16);
        }
        out.append(text, copied, start).append(with);
        copied = end;
    }
}
