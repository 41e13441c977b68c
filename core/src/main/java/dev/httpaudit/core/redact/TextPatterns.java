package dev.httpaudit.core.redact;

import org.jspecify.annotations.Nullable;

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

    /** ASCII chars at which no recognizer starts: no quote, {@code <}, word char or backslash. */
    private static final boolean[] ASCII_INERT = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_INERT[c] = !TextLexer.isWordChar(c) && c != '"' && c != '\'' && c != '<' && c != '\\';
        }
    }

    private final TextLexer lex;
    private final ValueMask mask;
    private final QuotedNameRule quoted;
    private final WordNameRule words;
    private final XmlElementRule elements;
    private final String text;
    private final int n;

    private TextPatterns(String text, SensitiveNames names, String replacement, MaskedValues masked, boolean json) {
        this.lex = new TextLexer(text, names, json);
        this.mask = new ValueMask(lex, replacement, masked);
        this.quoted = new QuotedNameRule(lex, mask);
        this.words = new WordNameRule(lex, mask, quoted);
        this.elements = new XmlElementRule(lex, mask);
        this.text = text;
        this.n = text.length();
    }

    /**
     * {@code text} with the values of sensitive names masked, each masked value recorded in
     * {@code masked}; the same instance when nothing was masked.
     *
     * @param json whether the text is meant to be JSON (more aggressive, see the class comment)
     */
    static @Nullable String redact(@Nullable String text, SensitiveNames names, String replacement, MaskedValues masked,
                                   boolean json) {
        if (text == null || text.isEmpty() || !names.mayOccurIn(text)) {
            return text;
        }
        return new TextPatterns(text, names, replacement, masked, json).run();
    }

    /**
     * As {@link #redact}, for a text already known to pass {@link SensitiveNames#mayOccurIn}
     * (the caller checked it): saves a second pass over it.
     */
    static @Nullable String scan(@Nullable String text, SensitiveNames names, String replacement, MaskedValues masked,
                                 boolean json) {
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
                next = quoted.tryAt(i);
            } else if (c == '<') {
                next = elements.tryAt(i);
            } else if ((TextLexer.isWordChar(c) || lex.isUnicodeEscapeAt(i))
                    && (i == 0 || !TextLexer.isWordChar(text.charAt(i - 1)))) {
                next = words.tryAt(i);
            } else {
                next = i + 1;
            }
            i = Math.max(next, i + 1);
        }
        return mask.result();
    }
}
