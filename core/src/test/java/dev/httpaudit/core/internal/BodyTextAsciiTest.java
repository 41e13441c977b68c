package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ASCII shortcut of {@link BodyText#decode} gives what the decoder gives. */
class BodyTextAsciiTest {

    @Test
    void asciiShortcutEqualsTheDecoderForAsciiCompatibleCharsets() {
        SplittableRandom random = new SplittableRandom(7);
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII}) {
            for (int i = 0; i < 2_000; i++) {
                byte[] bytes = new byte[random.nextInt(300)];
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] = (byte) random.nextInt(0x80);
                }
                int length = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
                boolean cut = random.nextBoolean();
                assertThat(BodyText.decode(bytes, length, charset, cut)).isEqualTo(decoder(bytes, length, charset, cut));
            }
        }
    }

    @Test
    void nonAsciiStillGoesThroughTheDecoder() {
        byte[] bytes = "a\u00e9b\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertThat(BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_8, false)).isEqualTo("a\u00e9b\uD83D\uDE00");
        assertThat(BodyText.decode(bytes, bytes.length - 1, StandardCharsets.UTF_8, true)).isEqualTo("a\u00e9b");
        byte[] latin = {'a', (byte) 0xe9};
        assertThat(BodyText.decode(latin, 2, StandardCharsets.US_ASCII, false)).isEqualTo("a\uFFFD");
        assertThat(BodyText.decode(latin, 2, StandardCharsets.ISO_8859_1, false)).isEqualTo("a\u00e9");
    }

    private static String decoder(byte[] bytes, int length, Charset charset, boolean cut) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(length * 2 + 1);
        decoder.decode(ByteBuffer.wrap(bytes, 0, length), out, !cut);
        if (!cut) {
            decoder.flush(out);
        }
        return out.flip().toString();
    }
}
