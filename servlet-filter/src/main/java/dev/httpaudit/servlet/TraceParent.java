package dev.httpaudit.servlet;

import org.jspecify.annotations.Nullable;

/**
 * Reads the trace ID of a W3C {@code traceparent} header
 * ({@code version-traceid-parentid-flags}). Only the trace ID is used: the parent ID is the
 * caller's span, not this server's, so it never fills {@code span.id}.
 */
final class TraceParent {

    private TraceParent() {
    }

    /** The 32-hex-digit trace ID, or {@code null} when {@code header} is not a valid traceparent. */
    static @Nullable String traceId(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.length() < 55 || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        String version = value.substring(0, 2);
        if (!isLowerHex(version) || version.equals("ff")) {
            return null;
        }
        // Version 00 has exactly four fields; later versions may append more after a dash.
        if (version.equals("00") ? value.length() != 55 : value.length() > 55 && value.charAt(55) != '-') {
            return null;
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!isLowerHex(traceId) || !isLowerHex(parentId) || !isLowerHex(flags)
                || isAllZeros(traceId) || isAllZeros(parentId)) {
            return null;
        }
        return traceId;
    }

    private static boolean isLowerHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZeros(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
