package dev.httpaudit.core.redact;

/**
 * One recognizer of {@link TextPatterns}: tried where the scan meets the char it starts at,
 * it finds a sensitive name there and has {@link ValueMask} mask what follows. All of them
 * read one text through one {@link TextLexer} and mask into one {@link ValueMask}.
 */
abstract class TextRule {

    final TextLexer lex;
    final ValueMask mask;
    final String text;
    final int n;
    final boolean json;

    TextRule(TextLexer lex, ValueMask mask) {
        this.lex = lex;
        this.mask = mask;
        this.text = lex.text;
        this.n = lex.n;
        this.json = lex.json;
    }

    /**
     * Tried at {@code i}: masks the value when a sensitive name this rule recognizes stands
     * there; returns where the scan goes on (the scan moves on by one char at least).
     */
    abstract int tryAt(int i);
}
