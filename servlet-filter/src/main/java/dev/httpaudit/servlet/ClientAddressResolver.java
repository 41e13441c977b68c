package dev.httpaudit.servlet;

import dev.httpaudit.core.ClientInfo;
import dev.httpaudit.core.UrlInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Works out the client's address and the URL it addressed. Forwarding headers
 * ({@code Forwarded}, else {@code X-Forwarded-For}, with {@code X-Forwarded-Proto/-Host/-Port})
 * are believed only when the direct peer is a trusted proxy; the client is then the
 * rightmost forwarded address that is not itself trusted. Anything that is not an IP literal
 * stops the walk (the last trusted hop stands), so no header value is ever resolved through
 * DNS and a client cannot choose its own {@code client.ip}.
 */
final class ClientAddressResolver {

    /** The client and the URL as the client addressed it. */
    record Resolved(ClientInfo client, UrlInfo url) {
    }

    private final List<IpRange> trustedProxies;

    ClientAddressResolver(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    Resolved resolve(HttpServletRequest request) {
        String peerText = request.getRemoteAddr();
        IpAddress peer = IpAddress.parse(stripZone(peerText));
        ClientInfo peerClient = new ClientInfo(peer != null ? peer.toString() : peerText, positive(request.getRemotePort()));
        UrlInfo direct = new UrlInfo(request.getRequestURI(), emptyToNull(request.getQueryString()), request.getScheme(),
                request.getServerName(), positive(request.getServerPort()));
        if (trustedProxies.isEmpty() || !isTrusted(peer)) {
            return new Resolved(peerClient, direct);
        }
        List<Hop> hops = forwardedHops(request);
        ClientInfo client = peerClient;
        Hop clientHop = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            IpAddress address = IpAddress.parse(hops.get(i).forAddress());
            if (address == null) {
                break;
            }
            client = new ClientInfo(address.toString(), null);
            clientHop = hops.get(i);
            if (!isTrusted(address)) {
                break;
            }
        }
        return new Resolved(client, forwardedUrl(request, direct, clientHop));
    }

    private boolean isTrusted(IpAddress address) {
        if (address == null) {
            return false;
        }
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** One proxy hop: the address it received from, and the proto/host it was asked for. */
    private record Hop(@Nullable String forAddress, @Nullable String proto, @Nullable String host) {
    }

    private static List<Hop> forwardedHops(HttpServletRequest request) {
        List<String> forwarded = headerValues(request, "Forwarded");
        List<Hop> hops = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String value : forwarded) {
                for (String element : splitOutsideQuotes(value, ',')) {
                    String forValue = null;
                    String proto = null;
                    String host = null;
                    for (String pair : splitOutsideQuotes(element, ';')) {
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            continue;
                        }
                        String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                        String paramValue = unquote(pair.substring(eq + 1).trim());
                        switch (name) {
                            case "for" -> forValue = nodeAddress(paramValue);
                            case "proto" -> proto = paramValue;
                            case "host" -> host = paramValue;
                            default -> { }
                        }
                    }
                    hops.add(new Hop(forValue, proto, host));
                }
            }
            return hops;
        }
        for (String value : headerValues(request, "X-Forwarded-For")) {
            for (String entry : value.split(",")) {
                hops.add(new Hop(nodeAddress(entry.trim()), null, null));
            }
        }
        return hops;
    }

    /**
     * The URL with the forwarded scheme, host and port: from the {@code Forwarded} element
     * that named the client, else the rightmost {@code X-Forwarded-*} values (those added by
     * the proxy nearest to this server, which is trusted).
     */
    private static UrlInfo forwardedUrl(HttpServletRequest request, UrlInfo direct, @Nullable Hop clientHop) {
        String scheme = clientHop != null ? clientHop.proto() : null;
        String host = clientHop != null ? clientHop.host() : null;
        if (scheme == null) {
            scheme = rightmost(request, "X-Forwarded-Proto");
        }
        if (host == null) {
            host = rightmost(request, "X-Forwarded-Host");
        }
        String portText = rightmost(request, "X-Forwarded-Port");
        if (scheme == null && host == null && portText == null) {
            return direct;
        }
        String resolvedScheme = scheme != null && scheme.matches("[A-Za-z][A-Za-z0-9+.-]{0,15}")
                ? scheme.toLowerCase(Locale.ROOT) : direct.scheme();
        String domain = direct.domain();
        Integer port = scheme != null ? defaultPort(resolvedScheme) : direct.port();
        if (host != null) {
            HostAndPort parsed = HostAndPort.parse(host);
            if (parsed != null) {
                domain = parsed.host();
                port = parsed.port() != null ? parsed.port() : defaultPort(resolvedScheme);
            }
        }
        if (portText != null && portText.matches("\\d{1,5}")) {
            int p = Integer.parseInt(portText);
            if (p > 0 && p <= 65535) {
                port = p;
            }
        }
        return new UrlInfo(direct.path(), direct.query(), resolvedScheme, domain, port);
    }

    private record HostAndPort(String host, @Nullable Integer port) {
        static @Nullable HostAndPort parse(String value) {
            String host = value;
            Integer port = null;
            int close = value.lastIndexOf(']');
            int colon = value.lastIndexOf(':');
            if (colon > close && (value.startsWith("[") || value.indexOf(':') == colon)) {
                String portText = value.substring(colon + 1);
                if (!portText.matches("\\d{1,5}")) {
                    return null;
                }
                port = Integer.parseInt(portText);
                host = value.substring(0, colon);
            }
            // Host names are only recorded, never resolved; keep them to what a host may hold.
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.\\-_\\[\\]:]{1,255}")) {
                return null;
            }
            return new HostAndPort(host.toLowerCase(Locale.ROOT), port);
        }
    }

    private static @Nullable Integer defaultPort(String scheme) {
        return switch (scheme) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> null;
        };
    }

    private static @Nullable String rightmost(HttpServletRequest request, String header) {
        List<String> values = headerValues(request, header);
        if (values.isEmpty()) {
            return null;
        }
        String last = values.get(values.size() - 1);
        int comma = last.lastIndexOf(',');
        String value = (comma >= 0 ? last.substring(comma + 1) : last).trim();
        return value.isEmpty() ? null : value;
    }

    /**
     * The address part of a forwarded node: {@code 192.0.2.1}, {@code 192.0.2.1:4711},
     * {@code [2001:db8::1]:4711} or a bare IPv6 literal. Ports are dropped. Anything else
     * ({@code unknown}, obfuscated {@code _hidden} names, host names) is returned as is and
     * fails to parse as an address later.
     */
    static @Nullable String nodeAddress(@Nullable String node) {
        if (node == null) {
            return null;
        }
        String value = node.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value;
    }

    private static List<String> headerValues(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        return Collections.list(values);
    }

    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        return value;
    }

    private static @Nullable String stripZone(@Nullable String address) {
        if (address == null) {
            return null;
        }
        int percent = address.indexOf('%');
        String value = percent >= 0 ? address.substring(0, percent) : address;
        return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    }

    private static @Nullable Integer positive(int port) {
        return port > 0 ? port : null;
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
