package dev.httpaudit.core.redact;

/**
 * Masks values of sensitive parameters in query strings and form-urlencoded bodies, keeping
 * every other byte as it was, and finds query strings inside other text (header values,
 * JSON strings) to do the same there.
 *
 * <p>Names are looked for after {@code &}, and also after {@code ?}, {@code ;} and a first
 * {@code =}, so a URL nested in a value ({@code next=/a?token=x}), {@code ;}-separated pairs
 * ({@code a=1;pin=1234}) and chained pairs ({@code =password=x}) are caught. A sensitive
 * value always extends to the next {@code &} (or the end; in a URL also {@code #}), so a
 * value containing {@code ?}, {@code ;} or {@code =} is masked whole.
 */
final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * {@code query} with the value of every sensitive parameter replaced; the same instance
     * when nothing was masked. Null stays null.
     */
    static String redact(String query, SensitiveNames names, String replacement, MaskedValues masked) {
        return redact(query, names, replacement, masked, false);
    }

    /**
     * As {@link #redact(String, SensitiveNames, String, MaskedValues)}; in a URL
     * ({@code inUrl}), {@code #} also separates pairs and ends a value, since a fragment can
     * carry parameters too ({@code #access_token=...}).
     */
    private static String redact(String query, SensitiveNames names, String replacement, MaskedValues masked,
                                 boolean inUrl) {
        if (query == null || query.indexOf('=') < 0 || !names.mayOccurIn(query)) {
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
                if (c == '&' || c == '?' || c == ';' || (inUrl && c == '#')) {
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
            int valueEnd = eq + 1;
            while (valueEnd < n && query.charAt(valueEnd) != '&' && !(inUrl && query.charAt(valueEnd) == '#')) {
                valueEnd++;
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
                // the value may itself read as name=value (a=password=x, =password=x)
                start = eq + 1;
            }
        }
        if (out == null) {
            return query;
        }
        out.append(query, copied, n);
        return out.toString();
    }

    /**
     * {@code text} with the query string and fragment of every URL-like part
     * ({@code ...?a=b#c=d}) redacted as by {@link #redact}; they end at whitespace,
     * {@code <}, {@code >} or a quote. The same instance when nothing was masked.
     */
    static String redactEmbedded(String text, SensitiveNames names, String replacement, MaskedValues masked) {
        if (text == null) {
            return null;
        }
        if (!mayEmbedQuery(text)) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int question = queryStart(text, 0);
        while (question >= 0 && question < n) {
            int end = question + 1;
            while (end < n && !endsEmbeddedQuery(text.charAt(end))) {
                end++;
            }
            String query = text.substring(question + 1, end);
            String redacted = redact(query, names, replacement, masked, true);
            if (redacted != query) {
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(text, copied, question + 1).append(redacted);
                copied = end;
            }
            question = end < n ? queryStart(text, end) : -1;
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
        // only an encoded ? or # (%3F, %23) can start a nested query here
        boolean encodedMark = false;
        for (int i = from; i + 2 < to && !encodedMark; i++) {
            if (query.charAt(i) == '%') {
                char a = query.charAt(i + 1);
                char b = Character.toUpperCase(query.charAt(i + 2));
                encodedMark = (a == '3' && b == 'F') || (a == '2' && b == '3');
            }
        }
        if (!encodedMark) {
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

    /** The index of the next {@code ?} or {@code #} from {@code from}, or -1. */
    private static int queryStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsEmbeddedQuery(char c) {
        return c == '<' || c == '>' || c == '"' || c == '\'' || Character.isWhitespace(c);
    }

    /** True when {@link #redactEmbedded} could change {@code text}: it has a {@code ?} or {@code #} and a later {@code =}. */
    static boolean mayEmbedQuery(String text) {
        int question = queryStart(text, 0);
        return question >= 0 && text.indexOf('=', question) >= 0;
    }

    /** Form decoding ({@code +} is a space, {@code %XX} escapes as UTF-8), lenient with malformed escapes. */
    static String formDecode(String raw) {
        String spaced = raw.indexOf('+') >= 0 ? raw.replace('+', ' ') : raw;
        return SensitiveNames.percentDecode(spaced);
    }
}
