package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free path splitting and the {@code /**} shortcut match exactly what the
 * regex-based splitting matched ({@code split("/+")} after trimming slashes).
 */
class PathPatternEquivalenceTest {

    private static final String[] PATTERNS = {"/**", "/**/**", "/api/**", "/actuator/**", "/favicon.ico", "*.ico",
            "/api/*/items", "/a/**/b", "/", "/api", "/?pi/**", "*", "**"};

    @Test
    void sameAnswersAsTheRegexSplitting() {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "/a/pi.icox?/"; // no literal * in paths: the segment matcher compares a text * literally first (unchanged behaviour)
        for (String raw : PATTERNS) {
            PathPattern pattern = PathPattern.compile(raw);
            for (int i = 0; i < 5_000; i++) {
                StringBuilder path = new StringBuilder();
                int n = random.nextInt(14);
                for (int j = 0; j < n; j++) {
                    path.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String p = path.toString();
                assertThat(pattern.matches(p)).as("%s ~ %s", raw, p).isEqualTo(reference(raw, p));
            }
            for (String p : new String[] {"", "/", "//", "/api", "/api/", "//api//x//", "/favicon.ico", "/a/b/favicon.ico/"}) {
                assertThat(pattern.matches(p)).as("%s ~ %s", raw, p).isEqualTo(reference(raw, p));
            }
        }
    }

    /** The matching as it was written before: regex splitting. */
    private static boolean reference(String pattern, String path) {
        String[] patternSegments = split(pattern);
        String[] pathSegments = split(path);
        if (!pattern.startsWith("/")) {
            return pathSegments.length > 0 && segment(patternSegments[0], pathSegments[pathSegments.length - 1]);
        }
        return segments(patternSegments, 0, pathSegments, 0);
    }

    private static String[] split(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    // plain recursive matchers, as an independent reference
    private static boolean segments(String[] p, int i, String[] s, int j) {
        if (i == p.length) {
            return j == s.length;
        }
        if (p[i].equals("**")) {
            for (int k = j; k <= s.length; k++) {
                if (segments(p, i + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < s.length && segment(p[i], s[j]) && segments(p, i + 1, s, j + 1);
    }

    private static boolean segment(String p, String t) {
        return t.matches(java.util.regex.Pattern.quote(p).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }
}
