package dev.httpaudit.core.redact;

import org.jspecify.annotations.Nullable;

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

    /** Percent-encoded URLs nested in values are followed this deep (each level is one more decoding). */
    private static final int MAX_ENCODED_DEPTH = 4;

    private QueryStrings() {
    }

    /**
     * {@code query} with the value of every sensitive parameter replaced; the same instance
     * when nothing was masked. Null stays null.
     */
    static @Nullable String redact(@Nullable String query, SensitiveNames names, String replacement,
                                   MaskedValues masked) {
        return redact(query, names, replacement, masked, false);
    }

    /**
     * As {@link #redact(String, SensitiveNames, String, MaskedValues)}; in a URL
     * ({@code inUrl}), {@code #} also separates pairs and ends a value, since a fragment can
     * carry parameters too ({@code #access_token=...}).
     */
    private static String redact(String query, SensitiveNames names, String replacement, MaskedValues masked,
                                 boolean inUrl) {
        return redact(query, names, replacement, masked, inUrl, 0);
    }

    /**
     * One pass, linear in the query: every char is read once by the name scan and once by the
     * value-end scan, whose position only moves forward (a chained {@code a=a=a=...} shares
     * one value end). {@code depth} counts the percent-encoded URLs this query is nested in.
     */
    private static String redact(String query, SensitiveNames names, String replacement, MaskedValues masked,
                                 boolean inUrl, int depth) {
        if (query == null || query.indexOf('=') < 0 || !names.mayOccurIn(query)) {
            return query;
        }
        Splice out = new Splice(query);
        int n = query.length();
        int start = 0;
        // the end of the value that starts after the last '=' seen: the next '&' (or '#' in a URL)
        int valueEnd = -1;
        // the value end of a pair whose value was found to hide no encoded query: a value that
        // starts later in the same pair is a suffix of it and hides none either (see hidesEncodedQuery)
        int checkedValueEnd = -1;
        // the next '%' after the last '=' seen: a value without one hides no encoded query
        int percent = query.indexOf('%');
        while (start < n) {
            // the name runs to the first '=' or separator; what follows a separator is a new name
            int eq = start;
            while (eq < n) {
                char c = query.charAt(eq);
                if (c == '=' || c == '&' || c == '?' || c == ';' || (inUrl && c == '#')) {
                    break;
                }
                eq++;
            }
            if (eq >= n || query.charAt(eq) != '=') {
                start = eq + 1;
                continue;
            }
            if (percent >= 0 && percent <= eq) {
                percent = query.indexOf('%', eq + 1);
            }
            if (valueEnd <= eq) {
                valueEnd = eq + 1;
                while (valueEnd < n && query.charAt(valueEnd) != '&' && !(inUrl && query.charAt(valueEnd) == '#')) {
                    valueEnd++;
                }
            }
            boolean sensitive = names.matches(query, start, eq);
            if (!sensitive && checkedValueEnd != valueEnd && percent >= 0 && percent < valueEnd) {
                sensitive = hidesEncodedQuery(query, eq + 1, valueEnd, names, masked, depth);
                if (!sensitive) {
                    checkedValueEnd = valueEnd;
                }
            }
            if (sensitive) {
                if (valueEnd > eq + 1) {
                    String raw = query.substring(eq + 1, valueEnd);
                    masked.add(raw);
                    masked.add(formDecode(raw));
                    out.replace(eq + 1, valueEnd, replacement);
                }
                start = valueEnd + 1;
            } else {
                // the value may itself read as name=value (a=password=x, =password=x)
                start = eq + 1;
            }
        }
        return out.result();
    }

    /**
     * {@code text} with the query string and fragment of every URL-like part
     * ({@code ...?a=b#c=d}) redacted as by {@link #redact}; they end at whitespace,
     * {@code <}, {@code >} or a quote. The same instance when nothing was masked.
     */
    static @Nullable String redactEmbedded(@Nullable String text, SensitiveNames names, String replacement,
                                           MaskedValues masked) {
        return redactEmbedded(text, names, replacement, masked, 0);
    }

    private static String redactEmbedded(String text, SensitiveNames names, String replacement, MaskedValues masked,
                                         int depth) {
        if (text == null) {
            return null;
        }
        if (!mayEmbedQuery(text)) {
            return text;
        }
        Splice out = new Splice(text);
        int n = text.length();
        int question = queryStart(text, 0);
        while (question >= 0 && question < n) {
            int end = question + 1;
            while (end < n && !endsEmbeddedQuery(text.charAt(end))) {
                end++;
            }
            String query = text.substring(question + 1, end);
            String redacted = redact(query, names, replacement, masked, true, depth);
            if (redacted != query) {
                out.replace(question + 1, end, redacted);
            }
            question = end < n ? queryStart(text, end) : -1;
        }
        return out.result();
    }

    /**
     * True when the value between {@code from} and {@code to} is a percent-encoded URL whose
     * own query has a sensitive parameter ({@code next=%2Fa%3Ftoken%3Dx}): such a value is
     * masked whole. Below {@value #MAX_ENCODED_DEPTH} nested encoded URLs, any value with an
     * encoded {@code ?} or {@code #} counts as one (masks more, and bounds the work: each level
     * decodes the whole value again).
     *
     * <p>The answer for a value that starts later in the same pair ({@code b=c} of
     * {@code a=b=c}) is never true when this one's was false: decoding is local and a literal
     * {@code =} decodes to itself, so that value decodes to a suffix of this one's decoding, in
     * which the embedded scan meets the same queries, or suffixes of them that it already
     * scanned from the same place.
     */
    private static boolean hidesEncodedQuery(String query, int from, int to, SensitiveNames names,
                                             MaskedValues masked, int depth) {
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
        if (depth >= MAX_ENCODED_DEPTH) {
            return true;
        }
        String decoded = formDecode(query.substring(from, to));
        if (!mayEmbedQuery(decoded)) {
            return false;
        }
        MaskedValues inner = new MaskedValues();
        if (redactEmbedded(decoded, names, "", inner, depth + 1) == decoded) {
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
