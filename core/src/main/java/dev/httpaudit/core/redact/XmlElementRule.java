package dev.httpaudit.core.redact;

/**
 * Recognizes an XML or HTML element whose tag is a sensitive name,
 * {@code <name ...>content</name>}, and masks its content up to the closing tag (or the end
 * of a text cut before it). It exists because in markup the value is the element's content,
 * with no separator a name rule could find; the start tag's attributes are left to
 * {@link WordNameRule}. A start tag with no {@code >} or closing tag costs one look-ahead for
 * the whole text, not one per tag.
 */
final class XmlElementRule extends TextRule {

    private final String replacement;
    /** The first {@code >} at or after {@link #gtFrom}, or -1: tags are met in ascending order. */
    private int gtFrom = Integer.MAX_VALUE;
    private int gtAt;

    XmlElementRule(TextLexer lex, ValueMask mask) {
        super(lex, mask);
        this.replacement = mask.replacement;
    }

    @Override
    int tryAt(int i) {
        int nameStart = i + 1;
        if (nameStart >= n || !(Character.isLetter(text.charAt(nameStart)) || text.charAt(nameStart) == '_')) {
            return i + 1;
        }
        int nameEnd = nameStart;
        while (nameEnd < n && isTagNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd < n && !(TextLexer.isSpace(text.charAt(nameEnd)) || text.charAt(nameEnd) == '>'
                || text.charAt(nameEnd) == '/')) {
            return i + 1; // no tag (<password=x): the name is left to the word rule
        }
        String tag = text.substring(nameStart, nameEnd);
        if (!lex.names.matches(tag)) {
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
            mask.record(text.substring(contentStart, contentEnd).trim());
            mask.replace(contentStart, contentEnd, replacement);
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
}
