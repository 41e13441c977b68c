package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Choosing the charset of a captured body ({@link BodyText#decodeBody}): byte order marks,
 * the JSON NUL pattern of RFC 4627 / RFC 8259 as Jackson reads it, and the declared charset;
 * and the rule that tells decoded text is not to be trusted ({@link BodyText#isTrustworthy}).
 */
class BodyEncodingDetectionTest {

    private static final String JSON = "{\"password\":\"hunter2\",\"name\":\"Zo\u00eb \u6f22 \uD83D\uDE00\"}";
    private static final List<String> UNICODE = List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE");
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static Stream<Arguments> unicodeJson() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String encoding : UNICODE) {
            for (boolean bom : List.of(false, true)) {
                for (String declared : new String[] {null, "UTF-8", "ISO-8859-1", "UTF-16", "UTF-16LE", "UTF-32"}) {
                    cases.add(Arguments.of(encoding, bom, declared));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} bom={1} declared={2}")
    @MethodSource("unicodeJson")
    void jsonInUtf16OrUtf32DecodesExactlyWhateverCharsetIsDeclared(String encoding, boolean bom, String declared) {
        byte[] bytes = encode(JSON, encoding, bom);

        String text = BodyText.decodeBody(bytes, bytes.length, declared == null ? null : Charset.forName(declared),
                true, false);

        assertThat(text).isEqualTo(JSON);
        assertThat(BodyText.isTrustworthy(text)).isTrue();
    }

    static Stream<Arguments> unicodeEncodings() {
        return UNICODE.stream().flatMap(encoding -> Stream.of(Arguments.of(encoding, false), Arguments.of(encoding, true)));
    }

    @ParameterizedTest(name = "{0} bom={1}")
    @MethodSource("unicodeEncodings")
    void textThatLooksLikeJsonIsDetectedUnderAnyTextualType(String encoding, boolean bom) {
        byte[] bytes = encode(JSON, encoding, bom);

        assertThat(BodyText.decodeBody(bytes, bytes.length, null, false, false)).isEqualTo(JSON);
    }

    @Test
    void utf8ByteOrderMarkIsDroppedAndWinsOverADeclaredCharset() {
        byte[] bytes = encode(JSON, "UTF-8", true);

        assertThat(BodyText.decodeBody(bytes, bytes.length, null, true, false)).isEqualTo(JSON);
        assertThat(BodyText.decodeBody(bytes, bytes.length, StandardCharsets.ISO_8859_1, false, false)).isEqualTo(JSON);
    }

    @Test
    void byteOrderMarkDecidesForNonJsonTextToo() {
        byte[] bytes = encode("password=hunter2", "UTF-16LE", true);

        assertThat(BodyText.decodeBody(bytes, bytes.length, StandardCharsets.UTF_8, false, false)).isEqualTo("password=hunter2");
    }

    @Test
    void jsonWithoutMarkOrNulPatternIsUtf8EvenWhenUtf16IsDeclaredAsJacksonReadsIt() {
        byte[] bytes = JSON.getBytes(StandardCharsets.UTF_8);

        assertThat(BodyText.decodeBody(bytes, bytes.length, StandardCharsets.UTF_16, true, false)).isEqualTo(JSON);
        assertThat(MAPPER.readTree(bytes).path("name").asString()).isEqualTo("Zo\u00eb \u6f22 \uD83D\uDE00");
    }

    @Test
    void jsonInADeclaredSingleByteCharsetKeepsIt() {
        byte[] bytes = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(BodyText.decodeBody(bytes, bytes.length, StandardCharsets.ISO_8859_1, true, false))
                .isEqualTo("{\"name\":\"caf\u00e9\"}");
    }

    @Test
    void nonJsonTextWithANulPatternKeepsTheDeclaredCharsetAndIsUntrustworthy() {
        byte[] bytes = encode("password=hunter2", "UTF-16LE", false);

        String text = BodyText.decodeBody(bytes, bytes.length, null, false, false);

        assertThat(text).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(BodyText.isTrustworthy(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00 7B 00 00", "00 00 7B 00"})
    void unusualUcs4OrdersThatJacksonRefusesAreNotDecodedAsUtf32(String hex) {
        byte[] bytes = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

        String text = BodyText.decodeBody(bytes, bytes.length, null, true, false);

        assertThat(text).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(BodyText.isTrustworthy(text)).isFalse();
    }

    @Test
    void shortJsonIsDetectedFromTwoBytes() {
        assertThat(BodyText.decodeBody(new byte[] {0, '1'}, 2, null, true, false)).isEqualTo("1");
        assertThat(BodyText.decodeBody(new byte[] {'1', 0}, 2, null, true, false)).isEqualTo("1");
        assertThat(BodyText.decodeBody(new byte[] {'1'}, 1, null, true, false)).isEqualTo("1");
        assertThat(BodyText.decodeBody(new byte[0], 0, null, true, false)).isEmpty();
    }

    @Test
    void onlyTheGivenLengthOfTheBufferIsRead() {
        byte[] bytes = new byte[64];
        byte[] json = encode("[1]", "UTF-16LE", true);
        System.arraycopy(json, 0, bytes, 0, json.length);

        assertThat(BodyText.decodeBody(bytes, json.length, null, true, false)).isEqualTo("[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void utf16Or32CutAtEveryByteNeverEndsInHalfACharacter(String encoding) {
        byte[] bytes = encode(JSON, encoding, true);
        // from 4 bytes on: the mark (and, without one, the NUL pattern) needs them
        for (int length = 4; length <= bytes.length; length++) {
            String text = BodyText.decodeBody(bytes, length, null, true, true);

            assertThat(JSON).as("cut at %d", length).startsWith(text);
        }
    }

    /** Whatever a JSON value holds, in whichever Unicode encoding, with or without a mark: the text Jackson parses is the text decoded. */
    @Property(tries = 300)
    void decodesEveryJsonStringAsJacksonReadsIt(@ForAll("values") String value, @ForAll("unicode") String encoding,
                                                @ForAll boolean bom) {
        String json = MAPPER.writeValueAsString(java.util.Map.of("password", value));
        byte[] bytes = encode(json, encoding, bom);

        String text = BodyText.decodeBody(bytes, bytes.length, StandardCharsets.UTF_8, true, false);

        JsonNode parsedByJackson = MAPPER.readTree(bytes);
        assertThat(MAPPER.readTree(text)).isEqualTo(parsedByJackson);
        assertThat(text).isEqualTo(json);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().all().ofMaxLength(40)
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
    }

    @Provide
    Arbitrary<String> unicode() {
        return Arbitraries.of(UNICODE);
    }

    // ---- isTrustworthy ----------------------------------------------------------------

    @Test
    void anyNulMakesTextUntrustworthy() {
        assertThat(BodyText.isTrustworthy("a".repeat(1000) + "\u0000")).isFalse();
    }

    @Test
    void ordinaryTextWithTabsAndLineBreaksIsTrustworthy() {
        assertThat(BodyText.isTrustworthy("")).isTrue();
        assertThat(BodyText.isTrustworthy("line one\r\n\tline two\f\n{\"a\":\"\u00e9\u6f22\"}")).isTrue();
    }

    @Test
    void upToOneSuspectCharacterInEightIsTolerated() {
        assertThat(BodyText.isTrustworthy("abcdefg\uFFFD")).isTrue();
        assertThat(BodyText.isTrustworthy("abcdef\uFFFD\uFFFD")).isFalse();
        assertThat(BodyText.isTrustworthy("abcdefghijklmn\u0001\u001B")).isTrue();
        assertThat(BodyText.isTrustworthy("abcdefghijklm\u0001\u001B\u0007")).isFalse();
        assertThat(BodyText.isTrustworthy("\uFFFD")).isFalse();
    }

    @Test
    void everyC0ControlButTabLineFeedFormFeedAndCarriageReturnIsSuspectAndSoIsTheReplacementChar() {
        for (char c = 0; c < 0x100; c++) {
            // one char in eight is tolerated, two are not
            String oneInEight = "abcdefg" + c;
            String twoInEight = "abcdef" + c + c;
            boolean suspect = (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r');
            assertThat(BodyText.isTrustworthy(oneInEight)).as("U+%04X once", (int) c).isEqualTo(c != 0);
            assertThat(BodyText.isTrustworthy(twoInEight)).as("U+%04X twice", (int) c).isEqualTo(!suspect && c != 0);
        }
        assertThat(BodyText.isTrustworthy("abcdef\uFFFD\uFFFD")).isFalse();
        assertThat(BodyText.isTrustworthy("abcdef\uFFFE\uFFFF\u2028\u0085")).isTrue();
    }

    @Property(tries = 2000)
    void trustworthinessIsTheRuleAppliedCharByChar(@ForAll("suspectText") String text) {
        assertThat(BodyText.isTrustworthy(text)).isEqualTo(trustworthyCharByChar(text));
    }

    /** Text of every length up to a few hundred chars, mostly letters, with suspects, NUL and non-Latin-1 mixed in. */
    @Provide
    Arbitrary<String> suspectText() {
        Arbitrary<Character> letters = Arbitraries.chars().range('a', 'z');
        Arbitrary<Character> odd = Arbitraries.of('\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\t', '\n', '\f',
                '\r', '\uFFFD', '\u00e9', '\u6f22', '\uFFFE', ' ');
        return Arbitraries.frequencyOf(Tuple.of(12, letters), Tuple.of(1, odd))
                .list().ofMaxSize(400).map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(text::append);
                    return text.toString();
                });
    }

    /** The rule as BodyText's Javadoc states it, one char at a time. */
    private static boolean trustworthyCharByChar(String text) {
        int suspects = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (c == '\uFFFD' || (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r')) {
                suspects++;
            }
        }
        return suspects * 8 <= text.length();
    }

    @Test
    void utf16WithoutAsciiReadAsUtf8IsUntrustworthyThoughItHasNoNul() {
        byte[] bytes = "\u041f\u0440\u0438\u0432\u0435\u0442".getBytes(StandardCharsets.UTF_16BE);
        String misread = new String(bytes, StandardCharsets.UTF_8);

        assertThat(misread).doesNotContain("\u0000");
        assertThat(BodyText.isTrustworthy(misread)).isFalse();
    }

    @Test
    void binaryReadAsUtf8IsUntrustworthy() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

        assertThat(BodyText.isTrustworthy(BodyText.decodeBody(png, png.length, null, false, false))).isFalse();
    }

    @Test
    void jsonMimeTypes() {
        assertThat(BodyText.isJsonMimeType("application/json")).isTrue();
        assertThat(BodyText.isJsonMimeType("application/problem+json; charset=utf-8")).isTrue();
        assertThat(BodyText.isJsonMimeType("application/X-NDJSON")).isTrue();
        assertThat(BodyText.isJsonMimeType("text/plain")).isFalse();
        assertThat(BodyText.isJsonMimeType("application/xml")).isFalse();
        assertThat(BodyText.isJsonMimeType(null)).isFalse();
    }

    private static byte[] encode(String text, String encoding, boolean bom) {
        Charset charset = Charset.forName(encoding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes("\uFEFF".getBytes(charset));
        }
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }
}
