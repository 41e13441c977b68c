package dev.httpaudit.core.redact;

/**
 * Recognizes a quoted name followed by a value: {@code "name": value} and
 * {@code 'name': value} (JSON and JSON-ish text, with JSON escapes in the name such as
 * {@code "pass\u0077ord"}), also {@code "name"=value}, and in JSON mode a quoted sensitive
 * name whose separator is missing or damaged ({@code "password" "x"}). It exists because a
 * quoted name may hold what a word cannot (spaces, escapes, punctuation), and because a quote
 * lost elsewhere in the text may have pulled {@code "name":value} into a "name": such a name
 * is scanned again as text of its own. Only unescaped quotes are tried, so the names it tries
 * never overlap (a quote escaped inside a JSON string is left to {@link WordNameRule}).
 */
final class QuotedNameRule extends TextRule {

    /**
     * The inside of the last quoted name tried that masked nothing (not sensitive, or no
     * value after it): when it is one word, the word rule would come to the same answer.
     */
    private int triedNameStart = -1;
    private int triedNameEnd = -1;

    QuotedNameRule(TextLexer lex, ValueMask mask) {
        super(lex, mask);
    }

    /**
     * True when {@code start} to {@code end} is the whole inside of the last quoted name tried
     * that masked nothing: {@link WordNameRule} would come to the same answer there.
     */
    boolean justTried(int start, int end) {
        return start == triedNameStart && end == triedNameEnd;
    }

    @Override
    int tryAt(int i) {
        if (lex.isEscaped(i)) {
            // JSON inside a JSON string: its names are found by the word rule (name\":); trying
            // every escaped quote would scan the rest of the string once per quote
            return i + 1;
        }
        int close = lex.closingQuote(i);
        if (close < 0) {
            return i + 1;
        }
        triedNameStart = i + 1;
        triedNameEnd = close;
        if (!lex.nameAt(i + 1, close)) {
            return i + 1; // not a sensitive key; its inside is scanned too
        }
        int valueStart = mask.valueStartAfterName(close + 1, true);
        if (valueStart < 0) {
            return i + 1;
        }
        if (hasStructure(i + 1, close)) {
            // a quote lost elsewhere may have pulled "name":value into this "key"
            String inside = text.substring(i + 1, close);
            String redacted = TextPatterns.scan(inside, lex.names, mask.replacement, mask.masked, json);
            if (redacted != inside) {
                mask.replace(i + 1, close, redacted);
            }
        }
        return mask.value(valueStart, true, false);
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
}
