package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding captured bytes: replacement of malformed input, clean cuts at the capture limit. */
class BodyTextTest {

    private static final String MIXED = "aé漢\uD83D\uDE00b€\uD83D\uDC4Dz";

    @Test
    void validUtf8DecodesExactly() {
        byte[] bytes = MIXED.getBytes(StandardCharsets.UTF_8);

        assertThat(BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_8, false)).isEqualTo(MIXED);
        assertThat(BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_8, true)).isEqualTo(MIXED);
    }

    @Test
    void malformedUtf8IsReplacedNeverThrown() {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0xC3, '(', 'c', (byte) 0xC0, (byte) 0xAF, 'd',
                (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'e', (byte) 0x80, 'f'};

        String text = BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_8, false);

        assertThat(text).startsWith("a\uFFFDb\uFFFD(c").contains("d").endsWith("e\uFFFDf");
        assertThat(text.replace("\uFFFD", "")).isEqualTo("ab(cdef");
        assertNoUnpairedSurrogate(text);
    }

    @Test
    void malformedInputInTheMiddleOfACutBodyIsStillReplaced() {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0xE6, (byte) 0xBC};

        assertThat(BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_8, true)).isEqualTo("a\uFFFDb");
    }

    @Test
    void incompleteSequenceAtTheEndOfACompleteBodyIsReplaced() {
        byte[] bytes = {'a', (byte) 0xE6, (byte) 0xBC};

        assertThat(BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_8, false)).isEqualTo("a\uFFFD");
    }

    @Test
    void utf8CutAtEveryByteNeverLeavesHalfACharacter() {
        byte[] bytes = MIXED.getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length <= bytes.length; length++) {
            String text = BodyText.decode(bytes, length, StandardCharsets.UTF_8, true);

            assertThat(text).as("cut at %d bytes", length).isEqualTo(longestPrefixWithin(MIXED, length,
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void onlyTheFirstLengthBytesAreDecoded() {
        byte[] buffer = "hello world".getBytes(StandardCharsets.US_ASCII);

        assertThat(BodyText.decode(buffer, 5, StandardCharsets.UTF_8, true)).isEqualTo("hello");
        assertThat(BodyText.decode(buffer, 0, StandardCharsets.UTF_8, false)).isEmpty();
    }

    @Test
    void isoLatin1DecodesEveryByteToOneChar() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }

        String text = BodyText.decode(bytes, bytes.length, StandardCharsets.ISO_8859_1, true);

        assertThat(text).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat((int) text.charAt(i)).isEqualTo(i);
        }
        assertThat(BodyText.decode(new byte[] {'c', 'a', 'f', (byte) 0xE9}, 4, StandardCharsets.ISO_8859_1, false))
                .isEqualTo("café");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16BE", "UTF-16LE"})
    void utf16CutAtEveryByteNeverLeavesHalfACharacterOrPair(String charsetName) {
        Charset charset = Charset.forName(charsetName);
        byte[] bytes = MIXED.getBytes(charset);
        assertThat(BodyText.decode(bytes, bytes.length, charset, false)).isEqualTo(MIXED);
        for (int length = 0; length <= bytes.length; length++) {
            String text = BodyText.decode(bytes, length, charset, true);

            assertThat(text).as("%s cut at %d bytes", charsetName, length)
                    .isEqualTo(longestPrefixWithin(MIXED, length, charset));
            assertNoUnpairedSurrogate(text);
        }
    }

    @Test
    void utf16OddByteAtTheEndOfACompleteBodyIsReplaced() {
        byte[] bytes = {0, 'a', 0};

        assertThat(BodyText.decode(bytes, bytes.length, StandardCharsets.UTF_16BE, false)).isEqualTo("a\uFFFD");
    }

    @Test
    void cutAtCharBoundaryNeverSplitsASurrogatePair() {
        String text = "ab\uD83D\uDE00c";

        assertThat(BodyText.cutAtCharBoundary(text, 3)).isEqualTo("ab");
        assertThat(BodyText.cutAtCharBoundary(text, 4)).isEqualTo("ab\uD83D\uDE00");
        assertThat(BodyText.cutAtCharBoundary(text, 2)).isEqualTo("ab");
        assertThat(BodyText.cutAtCharBoundary(text, 0)).isEmpty();
        assertThat(BodyText.cutAtCharBoundary(text, -1)).isEmpty();
        assertThat(BodyText.cutAtCharBoundary(text, 5)).isSameAs(text);
        assertThat(BodyText.cutAtCharBoundary(text, 99)).isSameAs(text);
        assertThat(BodyText.cutAtCharBoundary(null, 3)).isNull();
    }

    @Property(tries = 300)
    void anyCutOfValidUtf8DecodesToTheLongestCompletePrefix(@ForAll("validText") String text,
                                                            @ForAll("fractions") double fraction) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.floor(bytes.length * fraction);

        String decoded = BodyText.decode(bytes, length, StandardCharsets.UTF_8, length < bytes.length);

        assertThat(decoded).isEqualTo(longestPrefixWithin(text, length, StandardCharsets.UTF_8));
        assertThat(decoded).doesNotContain("\uFFFD");
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrowAndNeverGiveUnpairedSurrogates(@ForAll byte[] bytes, @ForAll boolean cut) {
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16, StandardCharsets.ISO_8859_1}) {
            String text = BodyText.decode(bytes, bytes.length, charset, cut);

            assertNoUnpairedSurrogate(text);
            assertThat(text.length()).isLessThanOrEqualTo(bytes.length);
        }
    }

    @Provide
    Arbitrary<String> validText() {
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7E),
                Arbitraries.integers().between(0x80, 0x7FF),
                Arbitraries.integers().between(0x800, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFC),
                Arbitraries.integers().between(0x10000, 0x10FFFF));
        return codePoints.list().ofMaxSize(60).map(list -> list.stream()
                .map(Character::toString).collect(Collectors.joining()));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    /**
     * The longest prefix of whole code points of {@code text} whose encoding fits in
     * {@code bytes} (for UTF-16 the encoding of a non-empty prefix includes its byte order mark).
     */
    private static String longestPrefixWithin(String text, int bytes, Charset charset) {
        String best = "";
        int end = 0;
        while (end < text.length()) {
            end = text.offsetByCodePoints(end, 1);
            String prefix = text.substring(0, end);
            if (prefix.getBytes(charset).length > bytes) {
                break;
            }
            best = prefix;
        }
        return best;
    }

    private static void assertNoUnpairedSurrogate(String text) {
        assertThat(text.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).as("unpaired surrogates").isEmpty();
    }
}
