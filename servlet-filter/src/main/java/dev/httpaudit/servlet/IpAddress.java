package dev.httpaudit.servlet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A strictly parsed IP literal. Parsing is done here, character by character, so that a
 * header value is never handed to {@link InetAddress#getByName}, which would resolve a host
 * name through DNS (slow, and an attacker-controlled look-up). IPv4-mapped IPv6 addresses
 * ({@code ::ffff:192.0.2.1}) become their IPv4 address, so that one rule covers both forms.
 */
final class IpAddress {

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address, or {@code null} when {@code text} is not an IPv4 or IPv6 literal. */
    static @Nullable IpAddress parse(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        byte[] parsed = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        if (parsed == null) {
            return null;
        }
        if (parsed.length == 16 && isMappedV4(parsed)) {
            parsed = Arrays.copyOfRange(parsed, 12, 16);
        }
        return new IpAddress(parsed);
    }

    /** The raw address bytes (4 or 16). */
    byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }

    byte byteAt(int index) {
        return bytes[index];
    }

    /** The canonical text form ({@link InetAddress#getByAddress} never looks anything up). */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always a valid address", e);
        }
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** Dotted quad only: four decimal parts 0-255, no leading zeros (they read as octal elsewhere). */
    private static byte @Nullable [] parseV4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == text.length() ? out : null;
    }

    /** RFC 4291 text form: hex groups, one optional '::', an optional trailing dotted quad; no zone. */
    private static byte @Nullable [] parseV6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount;
        byte[] v4 = null;
        String left = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String right = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        // An embedded IPv4 address may end the last part.
        String last = doubleColon >= 0 ? right : left;
        int lastColon = last.lastIndexOf(':');
        String lastGroup = last.substring(lastColon + 1);
        if (lastGroup.indexOf('.') >= 0) {
            v4 = parseV4(lastGroup);
            if (v4 == null) {
                return null;
            }
            last = lastColon >= 0 ? last.substring(0, lastColon) : "";
            if (lastColon < 0 && doubleColon < 0) {
                return null;
            }
            if (doubleColon >= 0) {
                right = last;
            } else {
                left = last;
            }
        }
        headCount = groups(left, head);
        tailCount = groups(right, tail);
        if (headCount < 0 || tailCount < 0) {
            return null;
        }
        int total = headCount + tailCount + (v4 != null ? 2 : 0);
        if (doubleColon >= 0 ? total > 7 : total != 8) {
            return null;
        }
        for (int g = 0; g < headCount; g++) {
            out[2 * g] = (byte) (head[g] >> 8);
            out[2 * g + 1] = (byte) head[g];
        }
        int tailStart = 8 - tailCount - (v4 != null ? 2 : 0);
        for (int g = 0; g < tailCount; g++) {
            out[2 * (tailStart + g)] = (byte) (tail[g] >> 8);
            out[2 * (tailStart + g) + 1] = (byte) tail[g];
        }
        if (v4 != null) {
            System.arraycopy(v4, 0, out, 12, 4);
        }
        return out;
    }

    /** Parses colon-separated hex groups into {@code out}; -1 when malformed, 0 for "". */
    private static int groups(String text, int[] out) {
        if (text.isEmpty()) {
            return 0;
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 8) {
            return -1;
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4) {
                return -1;
            }
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                int digit = Character.digit(part.charAt(c), 16);
                if (digit < 0 || part.charAt(c) > 'f') {
                    return -1;
                }
                value = value * 16 + digit;
            }
            out[i] = value;
        }
        return parts.length;
    }
}
