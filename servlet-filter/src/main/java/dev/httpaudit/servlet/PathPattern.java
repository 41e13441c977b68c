package dev.httpaudit.servlet;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An Ant/Spring-style path pattern: {@code **} matches any number of whole segments
 * (including none, so {@code /api/**} also matches {@code /api}), {@code *} any characters
 * within one segment, {@code ?} exactly one character. A pattern without a leading slash
 * must start with {@code *}, such as {@code *.ico}, and matches the last segment of a path at
 * any depth (like a servlet extension mapping).
 *
 * <p>Why not {@code FileSystems.getDefault().getPathMatcher("glob:...")}: its behaviour
 * depends on the platform's file system (separators and reserved characters on Windows,
 * where {@code Path.of} rejects characters legal in URLs), {@code /api/**} would not match
 * {@code /api} itself, and {@code {}} and {@code []} would silently take glob meanings. So a
 * small matcher with exactly these semantics is used instead.
 */
final class PathPattern {

    private final String pattern;
    private final String[] segments;
    private final boolean lastSegmentOnly;
    /** {@code /**} (and {@code /**}{@code /**}...): any path, no need to look at it. */
    private final boolean matchesEverything;

    private PathPattern(String pattern) {
        this.pattern = pattern;
        this.lastSegmentOnly = !pattern.startsWith("/");
        this.segments = split(pattern);
        boolean onlyDoubleStars = !lastSegmentOnly && segments.length > 0;
        for (String segment : segments) {
            onlyDoubleStars &= segment.equals("**");
        }
        this.matchesEverything = onlyDoubleStars;
    }

    /** Compiles {@code pattern}; blank patterns are rejected. */
    static PathPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String trimmed = pattern.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a path pattern must not be blank");
        }
        // A last-segment pattern must start with '*' (*.ico): "health" or "api/**" is a
        // forgotten leading slash, which would otherwise silently match something else.
        if (!trimmed.startsWith("/") && (trimmed.contains("/") || !trimmed.startsWith("*"))) {
            throw new IllegalArgumentException("a path pattern must start with '/' (such as /" + trimmed
                    + ") or be a last-segment pattern starting with '*' (such as *.ico): '" + pattern + "'");
        }
        return new PathPattern(trimmed);
    }

    /** True when the normalized {@code path} matches. */
    boolean matches(String path) {
        if (matchesEverything) {
            return true;
        }
        if (lastSegmentOnly) {
            String last = lastSegment(path);
            return last != null && matchesSegment(segments[0], last);
        }
        return matchesSegments(segments, split(path));
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** The non-empty segments between slashes (leading, trailing and repeated slashes ignored). */
    private static String[] split(String path) {
        int count = 0;
        for (int i = 0, n = path.length(); i < n; i++) {
            if (path.charAt(i) != '/' && (i == 0 || path.charAt(i - 1) == '/')) {
                count++;
            }
        }
        String[] segments = new String[count];
        int k = 0;
        int start = -1;
        for (int i = 0, n = path.length(); i <= n; i++) {
            boolean slash = i == n || path.charAt(i) == '/';
            if (slash) {
                if (start >= 0) {
                    segments[k++] = path.substring(start, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return segments;
    }

    /** The last non-empty segment, or null when there is none. */
    private static @Nullable String lastSegment(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return null;
        }
        int start = path.lastIndexOf('/', end - 1) + 1;
        return path.substring(start, end);
    }

    /**
     * Wildcard matching over segments where {@code **} is the only multi-segment wildcard:
     * the classic two-pointer algorithm (greedy, backtracking only to the last {@code **}),
     * linear in practice and never exponential.
     */
    private static boolean matchesSegments(String[] pattern, String[] path) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < path.length) {
            if (p < pattern.length && pattern[p].equals("**")) {
                starP = p++;
                starS = s;
            } else if (p < pattern.length && matchesSegment(pattern[p], path[s])) {
                p++;
                s++;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p].equals("**")) {
            p++;
        }
        return p == pattern.length;
    }

    /** The same algorithm over characters, for {@code *} and {@code ?} within one segment. */
    private static boolean matchesSegment(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            // The wildcard is tried first: a '*' in the path itself must not be taken as the
            // literal match of the pattern's '*', or "/login*x" would escape "/login*".
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
