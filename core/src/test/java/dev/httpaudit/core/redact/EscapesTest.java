package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapesTest {

    @Test
    void onlyAsciiHexDigitsCount() {
        assertThat(Escapes.hexDigit('7')).isEqualTo(7);
        assertThat(Escapes.hexDigit('b')).isEqualTo(11);
        assertThat(Escapes.hexDigit('F')).isEqualTo(15);
        assertThat(Escapes.hexDigit('g')).isEqualTo(-1);
        // a full-width digit is a digit to Character.digit, not a hex digit of an escape
        assertThat(Escapes.hexDigit('\uFF11')).isEqualTo(-1);
    }

    @Test
    void percentEscapesGiveTheirByteAndMalformedOnesNone() {
        assertThat(Escapes.percentByte("a%41", 1)).isEqualTo(0x41);
        assertThat(Escapes.percentByte("%e9", 0)).isEqualTo(0xE9);
        assertThat(Escapes.percentByte("%4", 0)).isEqualTo(-1);
        assertThat(Escapes.percentByte("%zz", 0)).isEqualTo(-1);
    }

    @Test
    void jsonEscapesDecodeAndOthersAreNone() {
        assertThat(Escapes.jsonEscape("\\n", 0, 2)).isEqualTo('\n');
        assertThat(Escapes.jsonEscape("\\/", 0, 2)).isEqualTo('/');
        assertThat(Escapes.jsonEscape("x\\u0077y", 1, 8)).isEqualTo('w');
        assertThat(Escapes.jsonEscape("\\x", 0, 2)).isEqualTo(-1);
        assertThat(Escapes.jsonEscape("\\u00zz", 0, 6)).isEqualTo(-1);
        // a u-escape cut by the end of the range is none, even when the text goes on
        assertThat(Escapes.jsonEscape("\\u0077", 0, 5)).isEqualTo(-1);
    }
}
