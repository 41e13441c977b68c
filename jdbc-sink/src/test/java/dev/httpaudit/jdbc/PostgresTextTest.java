package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresTextTest {

    @Test
    void theNulEscapeBecomesTheReplacementCharacterAndNothingElseChanges() {
        assertThat(PostgresText.json("{\"a\":\"x\\u0000y\"}")).isEqualTo("{\"a\":\"x\\ufffdy\"}");
        String noNul = "{\"a\":\"x\\ny\\u0001\"}";
        assertThat(PostgresText.json(noNul)).isSameAs(noNul);
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        // the JSON text \\u0000 is a backslash then "u0000", not a NUL
        assertThat(PostgresText.json("{\"a\":\"\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\u0000\"}");
        assertThat(PostgresText.json("{\"a\":\"\\\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\\\ufffd\"}");
    }
}
