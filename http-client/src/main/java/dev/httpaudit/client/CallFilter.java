package dev.httpaudit.client;

import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;

/**
 * Which calls are audited: the host and the path of the URI against include and exclude
 * globs, matched with the JDK's glob {@link PathMatcher} ({@code *} within one segment,
 * {@code **} across segments; a host has no {@code /}, so {@code *} spans its labels).
 * An exclude wins; an empty include list includes everything.
 */
final class CallFilter {

    private final List<PathMatcher> includeHosts;
    private final List<PathMatcher> excludeHosts;
    private final List<PathMatcher> includePaths;
    private final List<PathMatcher> excludePaths;

    CallFilter(List<String> includeHosts, List<String> excludeHosts, List<String> includePaths,
               List<String> excludePaths) {
        this.includeHosts = compile(includeHosts, true);
        this.excludeHosts = compile(excludeHosts, true);
        this.includePaths = compile(includePaths, false);
        this.excludePaths = compile(excludePaths, false);
    }

    boolean audits(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return allows(includeHosts, excludeHosts, host) && allows(includePaths, excludePaths, path);
    }

    private static boolean allows(List<PathMatcher> include, List<PathMatcher> exclude, String value) {
        if (value.isEmpty()) {
            return include.isEmpty();
        }
        Path path = Path.of(value);
        if (exclude.stream().anyMatch(m -> m.matches(path))) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(m -> m.matches(path));
    }

    private static List<PathMatcher> compile(List<String> patterns, boolean host) {
        return patterns.stream()
                .map(p -> {
                    String pattern = p == null ? "" : p.trim();
                    if (pattern.isEmpty()) {
                        throw new IllegalArgumentException("an empty " + (host ? "host" : "path") + " pattern");
                    }
                    return FileSystems.getDefault().getPathMatcher("glob:"
                            + (host ? pattern.toLowerCase(Locale.ROOT) : pattern));
                })
                .toList();
    }
}
