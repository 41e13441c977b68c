package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveNamesTest {

    private final SensitiveNames defaults = SensitiveNames.of(List.of(), true, List.of());
    private final SensitiveNames headers = SensitiveNames.of(List.of(), true, SensitiveNames.DEFAULT_HEADERS);

    @ParameterizedTest
    @ValueSource(strings = {"password", "newPassword", "user_password", "X-Api-Key", "access_token",
            "creditCardNumber", "privateKey", "pass%77ord", "pass%2577ord", "PASSWD", "client.secret",
            "client_secret", "api-key", "apiKey", "Authorization", "card_number", "ssn", "CVV", "pin",
            "card[pin]", "card.pin", "ns:pin", "#pin", "card(cvv)", "user[password]", "refresh-token", "pass+word", "pass word", "pass\u00a0word", "api\u202fkey"})
    void catchesSensitiveNames(String name) {
        assertThat(defaults.matches(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"addressNumber", "className", "spinner", "pinned", "username", "email", "ssnLookup",
            "cvvHint2", "user_pin", "x-ssn", "item", "page", "", "%", "%zz", "pass%7"})
    void leavesOrdinaryNamesAlone(String name) {
        assertThat(defaults.matches(name)).as(name).isFalse();
    }

    @Test
    void matchesDefaultHeaderNamesWholeOnly() {
        assertThat(headers.matches("Cookie")).isTrue();
        assertThat(headers.matches("set-cookie")).isTrue();
        assertThat(headers.matches("X-Auth-Token")).isTrue();
        assertThat(headers.matches("proxy-authorization")).isTrue();
        assertThat(headers.matches("cookie-policy")).isFalse();
        assertThat(headers.matches("content-type")).isFalse();
    }

    @Test
    void userNamesAreMatchedAfterNormalization() {
        SensitiveNames names = SensitiveNames.of(List.of("X-Session_ID"), false, List.of());
        assertThat(names.matches("x-session-id")).isTrue();
        assertThat(names.matches("XSessionId")).isTrue();
        assertThat(names.matches("password")).as("defaults are off").isFalse();
    }

    @Test
    void normalizationDecodesLowerCasesAndStripsSeparators() {
        assertThat(SensitiveNames.normalize("X-Api_Key.v2 x")).isEqualTo("xapikeyv2x");
        assertThat(SensitiveNames.normalize("pass%77ord")).isEqualTo("password");
        assertThat(SensitiveNames.normalize("bad%zzname%")).isEqualTo("bad%zzname%");
    }

    @Test
    void nullNeverMatches() {
        assertThat(defaults.matches(null)).isFalse();
    }
}
