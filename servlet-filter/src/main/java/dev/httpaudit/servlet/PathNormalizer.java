package dev.httpaudit.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The path rules match against: the request path within the application, normalized the
 * way a container resolves it, so that a crafted URL cannot dodge a rule. {@code ;}
 * parameters are removed from each segment, percent-escapes are decoded once (so
 * {@code %2e} is a dot and {@code %2f} a slash), empty segments ({@code //}) collapse, and
 * {@code .} / {@code ..} are resolved without ever climbing above the root. A trailing slash
 * is dropped, so {@code /admin/} and {@code /admin} are the same path to the rules.
 */
final class PathNormalizer {

    /** The separators a decoded segment is split at again ('/' and '\\'), compiled once. */
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[/\\\\]");


    private PathNormalizer() {
    }

    /** The normalized path of {@code request} within its application (context path removed). */
    static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            String servletPath = request.getServletPath();
            String pathInfo = request.getPathInfo();
            return normalize((servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo));
        }
        return withinContext(normalize(uri), normalize(request.getContextPath()));
    }

    /** {@code path} with the (normalized) context path removed, at a segment boundary. */
    static String withinContext(String path, @Nullable String contextPath) {
        if (contextPath == null || contextPath.equals("/")) {
            return path;
        }
        if (path.equals(contextPath)) {
            return "/";
        }
        if (path.startsWith(contextPath) && path.charAt(contextPath.length()) == '/') {
            return path.substring(contextPath.length());
        }
        return path;
    }

    /** Normalizes a raw (still percent-encoded) path; never returns null, always starts with '/'. */
    static String normalize(@Nullable String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return isNormal(rawPath) ? rawPath : bySegments(rawPath);
    }

    /**
     * True when normalizing cannot change {@code rawPath}, as for most requests: it starts
     * with '/', does not end with one, holds no ';', '%' or backslash, and no '/' is followed by
     * another or by a '.'. Every segment is then non-empty, not a dot segment, and decodes to
     * itself. One pass, no allocation.
     */
    private static boolean isNormal(String rawPath) {
        int length = rawPath.length();
        if (rawPath.charAt(0) != '/' || rawPath.charAt(length - 1) == '/') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == ';' || c == '%' || c == '\\') {
                return false;
            }
            if (c == '/' && i + 1 < length && (rawPath.charAt(i + 1) == '/' || rawPath.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    /** {@link #normalize} segment by segment, for a path that {@link #isNormal} does not rule unchanged. */
    static String bySegments(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String rawSegment : rawPath.split("/", -1)) {
            int semicolon = rawSegment.indexOf(';');
            String withoutParameters = semicolon >= 0 ? rawSegment.substring(0, semicolon) : rawSegment;
            // Decoding may produce separators (%2f, %5c): they split the segment again, as
            // the more permissive reading is the one a rule must not be dodged by.
            String decoded = percentDecode(withoutParameters);
            String[] parts = decoded.indexOf('/') < 0 && decoded.indexOf('\\') < 0
                    ? new String[] {decoded} : SEPARATORS.split(decoded, -1);
            for (String segment : parts) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (segment.equals("..")) {
                    segments.pollLast();
                    continue;
                }
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder(rawPath.length());
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 (malformed sequences become U+FFFD); a '%' not
     * followed by two hex digits stays as it is. Unlike {@code URLDecoder}, '+' stays a plus
     * (it means a space only in query strings) and nothing throws.
     */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
