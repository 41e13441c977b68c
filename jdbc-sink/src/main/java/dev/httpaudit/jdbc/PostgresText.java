package dev.httpaudit.jdbc;

/**
 * JSON text as PostgreSQL's {@code jsonb} takes it: {@code jsonb} refuses the escape
 * {@code \u0000} (its text type cannot hold NUL), which Jackson writes for a NUL in the data;
 * it becomes {@code \uFFFD}, the replacement character, so the event is still stored whole.
 */
final class PostgresText {

    private static final String NUL_ESCAPE = "\\u0000";

    private PostgresText() {
    }

    static String json(String json) {
        if (!json.contains(NUL_ESCAPE)) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 >= json.length()) {
                out.append(c);
                i++;
            } else if (json.startsWith(NUL_ESCAPE, i)) {
                out.append("\\ufffd");
                i += NUL_ESCAPE.length();
            } else {
                // Any other escape (an escaped backslash among them) is copied whole, so the
                // text "\\u0000" (a backslash, then u0000) is never mistaken for the escape.
                out.append(c).append(json.charAt(i + 1));
                i += 2;
            }
        }
        return out.toString();
    }
}
