package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.0.2.1, 192.0.2.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "::1, 0:0:0:0:0:0:0:1",
            "2001:db8::17, 2001:db8:0:0:0:0:0:17",
            "2001:DB8:0:0:0:0:0:17, 2001:db8:0:0:0:0:0:17",
            "::ffff:192.0.2.1, 192.0.2.1",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
            "::, 0:0:0:0:0:0:0:0"
    })
    void parsesIpLiterals(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4 ",
            "unknown", "_hidden", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::1%eth0", "::g", "", "1.2.3.4/8",
            "\uff11.2.3.4"})
    void rejectsEverythingThatIsNotALiteral(String text) {
        assertThat(IpAddress.parse(text)).isNull();
    }

    @Test
    void cidrBlocksContainTheirAddressesOnly() {
        IpRange ten = IpRange.parse("10.0.0.0/8");
        assertThat(ten.contains(IpAddress.parse("10.255.1.2"))).isTrue();
        assertThat(ten.contains(IpAddress.parse("11.0.0.1"))).isFalse();
        assertThat(ten.contains(IpAddress.parse("::ffff:10.1.1.1"))).isTrue();
        IpRange odd = IpRange.parse("192.0.2.128/25");
        assertThat(odd.contains(IpAddress.parse("192.0.2.200"))).isTrue();
        assertThat(odd.contains(IpAddress.parse("192.0.2.127"))).isFalse();
        IpRange v6 = IpRange.parse("fd00::/8");
        assertThat(v6.contains(IpAddress.parse("fd12:3456::1"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("fe80::1"))).isFalse();
        assertThat(IpRange.parse("::ffff:10.0.0.0/104").contains(IpAddress.parse("10.9.9.9"))).isTrue();
    }

    @Test
    void trustedProxyHostNamesAreRefused() {
        assertThatThrownBy(() -> IpRange.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditFilterConfig.builder().trustedProxies("proxy.internal").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rightmostUntrustedAddressIsTheClient() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of(IpRange.parse("10.0.0.0/8")));
        HttpServletRequest request = request("10.0.0.5", Map.of("X-Forwarded-For", List.of("6.6.6.6, 203.0.113.9", "10.0.0.9")));

        ClientAddressResolver.Resolved resolved = resolver.resolve(request);

        assertThat(resolved.client().ip()).isEqualTo("203.0.113.9");
        assertThat(resolved.client().port()).isNull();
    }

    @Test
    void allTrustedHopsGiveTheLeftmost() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of(IpRange.parse("10.0.0.0/8")));
        HttpServletRequest request = request("10.0.0.5", Map.of("X-Forwarded-For", List.of("10.1.1.1, 10.2.2.2")));

        assertThat(resolver.resolve(request).client().ip()).isEqualTo("10.1.1.1");
    }

    @Test
    void garbageHopStopsTheWalkAtTheLastTrustedHop() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of(IpRange.parse("10.0.0.0/8")));
        HttpServletRequest request = request("10.0.0.5", Map.of("X-Forwarded-For", List.of("203.0.113.9, unknown, 10.2.2.2")));

        assertThat(resolver.resolve(request).client().ip()).isEqualTo("10.2.2.2");
    }

    @Test
    void untrustedPeerKeepsItsOwnAddress() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of(IpRange.parse("10.0.0.0/8")));
        HttpServletRequest request = request("198.51.100.7", Map.of("X-Forwarded-For", List.of("1.1.1.1"),
                "X-Forwarded-Proto", List.of("https")));

        ClientAddressResolver.Resolved resolved = resolver.resolve(request);

        assertThat(resolved.client().ip()).isEqualTo("198.51.100.7");
        assertThat(resolved.client().port()).isEqualTo(40000);
        assertThat(resolved.url().scheme()).isEqualTo("http");
    }

    private static HttpServletRequest request(String peer, Map<String, List<String>> headers) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(peer);
        when(request.getRemotePort()).thenReturn(40000);
        when(request.getRequestURI()).thenReturn("/x");
        when(request.getScheme()).thenReturn("http");
        when(request.getServerName()).thenReturn("localhost");
        when(request.getServerPort()).thenReturn(8080);
        when(request.getHeaders(org.mockito.ArgumentMatchers.anyString())).thenAnswer(invocation ->
                Collections.enumeration(headers.getOrDefault(invocation.<String>getArgument(0), List.of())));
        return request;
    }
}
