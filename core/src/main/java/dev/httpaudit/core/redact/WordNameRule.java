package dev.httpaudit.core.redact;

/**
 * Recognizes an unquoted name followed by a separator and a value: {@code name: value},
 * {@code name=value} ({@code key=value} pairs, URL parameters, {@code ;name=value} path
 * parameters) and {@code name\":value} (a key of JSON inside a JSON string, whose quotes are
 * escaped). It exists for the text a parser cannot take: log lines, error messages, query
 * strings inside text and unquoted JSON keys. Tried at every word start; a word that is the
 * whole inside of a quoted name {@link QuotedNameRule} just tried is not tried again.
 */
final class WordNameRule extends TextRule {

    private final QuotedNameRule quoted;

    WordNameRule(TextLexer lex, ValueMask mask, QuotedNameRule quoted) {
        super(lex, mask);
        this.quoted = quoted;
    }

    @Override
    int tryAt(int i) {
        int end = lex.wordEnd(i);
        int k = end;
        while (k < n && text.charAt(k) == '\\') {
            k++;
        }
        boolean quoteAfter = k < n && (text.charAt(k) == '"' || text.charAt(k) == '\'');
        if (quoted.justTried(i, end) || !lex.nameAt(i, end)) {
            // (the whole inside of a quoted name just tried: the same name, the same lookahead)
            return end;
        }
        boolean keyLike = quoteAfter || (json && atKeyPosition(i));
        int valueStart = mask.valueStartAfterName(quoteAfter ? k + 1 : end, keyLike);
        if (valueStart < 0) {
            return end;
        }
        boolean urlValue = i > 0 && "?&#;".indexOf(text.charAt(i - 1)) >= 0;
        return mask.value(valueStart, keyLike, urlValue);
    }

    /** True when what precedes {@code p} (a quote, blanks) is a {@code {} or {@code ,}: where a key would start. */
    private boolean atKeyPosition(int p) {
        int q = p - 1;
        if (q >= 0 && (text.charAt(q) == '"' || text.charAt(q) == '\'')) {
            q--;
        }
        while (q >= 0 && TextLexer.isSpace(text.charAt(q))) {
            q--;
        }
        return q < 0 || text.charAt(q) == '{' || text.charAt(q) == ',';
    }
}
