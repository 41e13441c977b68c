package dev.httpaudit.core.redact;

/**
 * Masks values of sensitive parameters in query strings and form-urlencoded bodies, keeping
 * every other byte as it was, and finds query strings inside other text (header values,
 * JSON strings) to do the same there.
 *
 * <p>Names are looked for after {@code &}, and also after {@code ?} and {@code ;}, so a URL
 * nested in a value ({@code next=/a?token=x}) and {@code ;}-separated pairs
 * ({@code a=1;pin=1234}) are caught. A sensitive value always extends to the next {@code &}
 * (or the end), so a value containing {@code ?} or {@code ;} is masked whole.
 */
final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * {@code query} with the value of every sensitive parameter replaced; the same instance
     * when nothing was masked. Null stays null.
     */
    static String redact(String query, SensitiveNames names, String replacement, MaskedValues masked) {
        if (query == null || query.indexOf('=') < 0) {
            return query;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = query.length();
        int start = 0;
        while (start < n) {
            int eq = -1;
            int sep = start;
            while (sep < n) {
                char c = query.charAt(sep);
                if (c == '&' || c == '?' || c == ';') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = sep;
                }
                sep++;
            }
            if (eq < 0) {
                start = sep + 1;
                continue;
            }
            int valueEnd = query.indexOf('&', eq + 1);
            if (valueEnd < 0) {
                valueEnd = n;
            }
            if (names.matches(query.substring(start, eq))
                    || hidesEncodedQuery(query, eq + 1, valueEnd, names, masked)) {
                if (valueEnd > eq + 1) {
                    String raw = query.substring(eq + 1, valueEnd);
                    masked.add(raw);
                    masked.add(formDecode(raw));
                    if (out == null) {
                        out = new StringBuilder(n + 16);
                    }
                    out.append(query, copied, eq + 1).append(replacement);
                    copied = valueEnd;
                }
                start = valueEnd + 1;
            } else {
                start = sep + 1;
            }
        }
        if (out == null) {
            return query;
        }
        out.append(query, copied, n);
        return out.toString();
    }

    /**
     * {@code text} with the query string of every URL-like part ({@code ...?a=b}) redacted
     * as by {@link #redact}; a query ends at {@code #}, whitespace, {@code <}, {@code >} or
     * a quote. The same instance when nothing was masked.
     */
    static String redactEmbedded(String text, SensitiveNames names, String replacement, MaskedValues masked) {
        if (text == null) {
            return null;
        }
        int question = text.indexOf('?');
        if (question < 0 || text.indexOf('=', question) < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        while (question >= 0 && question < n) {
            int end = question + 1;
            while (end < n && !endsEmbeddedQuery(text.charAt(end))) {
                end++;
            }
            String query = text.substring(question + 1, end);
            String redacted = redact(query, names, replacement, masked);
            if (redacted != query) {
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(text, copied, question + 1).append(redacted);
                copied = end;
            }
            question = end < n ? text.indexOf('?', end) : -1;
        }
        if (out == null) {
            return text;
        }
        out.append(text, copied, n);
        return out.toString();
    }

    /**
     * True when the value between {@code from} and {@code to} is a percent-encoded URL whose
     * own query has a sensitive parameter ({@code next=%2Fa%3Ftoken%3Dx}): such a value is
     * masked whole.
     */
    private static boolean hidesEncodedQuery(String query, int from, int to, SensitiveNames names,
                                             MaskedValues masked) {
        int percent = from;
        while (percent < to && query.charAt(percent) != '%') {
            percent++;
        }
        if (percent >= to) {
            return false;
        }
        String decoded = formDecode(query.substring(from, to));
        if (!mayEmbedQuery(decoded)) {
            return false;
        }
        MaskedValues inner = new MaskedValues();
        if (redactEmbedded(decoded, names, "", inner) == decoded) {
            return false;
        }
        inner.values().forEach(masked::add);
        return true;
    }

    private static boolean endsEmbeddedQuery(char c) {
        return c == '#' || c == '<' || c == '>' || c == '"' || c == '\'' || Character.isWhitespace(c);
    }

    /** True when {@link #redactEmbedded} could change {@code text}: it has a {@code ?} and a later {@code =}. */
    static boolean mayEmbedQuery(String text) {
        int question = text.indexOf('?');
        return question >= 0 && text.indexOf('=', question) >= 0;
    }

    /** Form decoding ({@code +} is a space, {@code %XX} escapes as UTF-8), lenient with malformed escapes. */
    static String formDecode(String raw) {
        String spaced = raw.indexOf('+') >= 0 ? raw.replace('+', ' ') : raw;
        return SensitiveNames.percentDecode(spaced);
    }
}
