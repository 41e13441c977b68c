package dev.httpaudit.servlet;

import org.jspecify.annotations.Nullable;

/**
 * An address or CIDR block of trusted proxies, such as {@code 10.0.0.0/8},
 * {@code 192.0.2.7} or {@code fd00::/8}. Host names are refused: trust is given to
 * addresses, and resolving names would mean DNS look-ups.
 */
final class IpRange {

    private final String text;
    private final byte[] network;
    private final int prefixBits;

    private IpRange(String text, byte[] network, int prefixBits) {
        this.text = text;
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** Parses {@code address} or {@code address/prefix}; throws for anything else. */
    static IpRange parse(@Nullable String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        IpAddress address = IpAddress.parse(slash >= 0 ? trimmed.substring(0, slash) : trimmed);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block (host names are not accepted): " + text);
        }
        int maxBits = address.length() * 8;
        int bits = maxBits;
        if (slash >= 0) {
            String prefix = trimmed.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("bad CIDR prefix length in " + text);
            }
            bits = Integer.parseInt(prefix);
            // An IPv4-mapped IPv6 block was shortened to IPv4: shift its prefix too.
            if (trimmed.substring(0, slash).indexOf(':') >= 0 && address.length() == 4) {
                bits -= 96;
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("bad CIDR prefix length in " + text);
            }
        }
        return new IpRange(trimmed, address.bytes(), bits);
    }

    /** True when {@code address} lies within this block. */
    boolean contains(@Nullable IpAddress address) {
        if (address == null || address.length() != network.length) {
            return false;
        }
        int fullBytes = prefixBits / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address.byteAt(i) != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address.byteAt(fullBytes) & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
