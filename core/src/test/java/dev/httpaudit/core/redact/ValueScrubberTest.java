package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ValueScrubberTest {

    /** Every occurrence of every value marked, overlapping marks merged, each run replaced once. */
    static String naiveScrub(String text, List<String> values, String replacement) {
        boolean[] marked = new boolean[text.length()];
        for (String value : values) {
            if (value.length() < ValueScrubber.MIN_LENGTH) {
                continue;
            }
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                for (int i = at; i < at + value.length(); i++) {
                    marked[i] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (!marked[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !marked[i - 1]) {
                out.append(replacement);
            }
        }
        return out.toString();
    }

    @Provide
    Arbitrary<List<String>> values() {
        // a small alphabet, so that values overlap and share prefixes; some long ones
        return Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(20).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcd").ofMaxLength(200);
    }

    @Property(tries = 1000)
    void scrubsExactlyWhatANaiveScanWould(@ForAll("values") List<String> values, @ForAll("texts") String text) {
        String expected = naiveScrub(text, values, "#");
        ValueScrubber scrubber = ValueScrubber.of(values, "#");

        assertThat(scrubber.scrub(text)).isEqualTo(expected);
        assertThat(scrubber.occursIn(text)).isEqualTo(!expected.equals(text));
    }

    /**
     * With at most four values, a text is first searched for the first 16 chars of each, and
     * the automaton (built only then) starts at the first hit: long values over two chars share
     * their starts, so a start often occurs where the value does not, and what comes after it
     * must still be scrubbed as a naive scan would.
     */
    @Property(tries = 1000)
    void fewLongValuesSharingTheirStartsAreScrubbedAsANaiveScanWould(
            @ForAll @Size(min = 1, max = 4) List<@StringLength(min = 17, max = 30) @CharRange(from = 'a', to = 'b') String> values,
            @ForAll @StringLength(max = 200) @CharRange(from = 'a', to = 'b') String text) {
        String expected = naiveScrub(text, values, "#");
        ValueScrubber scrubber = ValueScrubber.of(values, "#");

        assertThat(scrubber.scrub(text)).isEqualTo(expected);
        assertThat(scrubber.occursIn(text)).isEqualTo(!expected.equals(text));
        scrubber.release();
    }

    @Provide
    Arbitrary<List<String>> manyValues() {
        // more than the indexOf limit, so the one-pass index scans the decoded views
        return Arbitraries.strings().withChars("abcé +%!").ofMinLength(3).ofMaxLength(20).list()
                .ofMinSize(9).ofMaxSize(30);
    }

    @Property(tries = 500)
    void aValueSpelledInAnyEncodingLeavesNoDecodedTrace(
            @ForAll("manyValues") List<String> values, @ForAll int pick,
            @ForAll MaskedValueReuseExchangePropertyTest.Encoding encoding, @ForAll long seed,
            @ForAll("texts") String before, @ForAll("texts") String after) {
        String value = values.get(Math.floorMod(pick, values.size()));
        String text = before + MaskedValueReuseExchangePropertyTest.spell(value, encoding, seed) + after;

        String scrubbed = ValueScrubber.of(values, "#").scrub(text);

        for (String view : List.of(scrubbed, MaskedValueReuseExchangePropertyTest.percentDecoded(scrubbed, false),
                MaskedValueReuseExchangePropertyTest.percentDecoded(scrubbed, true),
                MaskedValueReuseExchangePropertyTest.jsonUnescaped(scrubbed))) {
            assertThat(view).doesNotContain(value);
        }
    }

    @Test
    void scrubsPercentEncodedAndJsonEscapedForms() {
        ValueScrubber scrubber = ValueScrubber.of(List.of("p@ss \"word\""), "***");

        assertThat(scrubber.scrub("a p%40ss+%22word%22 b")).isEqualTo("a *** b");
        assertThat(scrubber.scrub("a p%40ss%20%22word%22 b")).isEqualTo("a *** b");
        assertThat(scrubber.scrub("{\"x\":\"p@ss \\\"word\\\"\"}")).isEqualTo("{\"x\":\"***\"}");
    }

    @Test
    void leavesShortValuesLiteralsAndTheReplacementAlone() {
        ValueScrubber scrubber = ValueScrubber.of(List.of("7", "ab", "true", "null", "***"), "***");

        assertThat(scrubber.isEmpty()).isTrue();
        assertThat(scrubber.scrub("7 ab true")).isEqualTo("7 ab true");
    }

    /** Texts that spell the values' chars plainly and as JSON, percent and {@code +} escapes. */
    @Provide
    Arbitrary<String> encodedTexts() {
        return Arbitraries.of("a", "b", "c", " ", "+", "%61", "%2B", "\\u0062", "\\n", "%", "\\")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<String>> valuesWithSpaces() {
        return Arbitraries.strings().withChars("abc +").ofMinLength(3).ofMaxLength(30).list().ofMaxSize(10);
    }

    @Property(tries = 1000)
    void leavingOutValuesLongerThanTheTextNeverMissesAnOccurrenceEvenDecoded(
            @ForAll("valuesWithSpaces") List<String> values, @ForAll("encodedTexts") String text) {
        boolean all = ValueScrubber.of(values, "****").occursIn(text);
        boolean fitting = ValueScrubber.of(values, "****", text.length()).occursIn(text);

        assertThat(fitting).isEqualTo(all);
    }

    @Test
    void aValueOnlyFoundDecodedIsStillFoundWhenLongerValuesAreLeftOut() {
        ValueScrubber scrubber = ValueScrubber.of(
                List.of("p@ss", "a-credential-far-longer-than-the-text"), "****", "p%40ss".length());

        assertThat(scrubber.occursIn("p%40ss")).isTrue();
        assertThat(scrubber.occursIn("p\\u0040ss")).isTrue();
        assertThat(scrubber.occursIn("pass")).isFalse();
    }

    @Test
    void noValueFitsTheLengthSoNothingIsSearched() {
        assertThat(ValueScrubber.of(List.of("long-credential"), "****", 6).isEmpty()).isTrue();
    }
}
