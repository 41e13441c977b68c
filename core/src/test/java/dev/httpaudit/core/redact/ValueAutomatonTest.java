package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The scrubber's automaton masks exactly the union of all occurrences of all values. */
class ValueAutomatonTest {

    @Test
    void reportsTheLongestValueEndingAtEachPosition() {
        ValueAutomaton automaton = ValueAutomaton.of(new String[] {"abc", "bc", "abcd", "cdx"});
        List<String> found = new ArrayList<>();
        String text = "zabcdx";
        automaton.scan(text, (start, end) -> found.add(text.substring(start, end)));

        assertThat(found).containsExactly("abc", "abcd", "cdx");
    }

    @Property(tries = 2000)
    void maskedSpansAreTheUnionOfEveryOccurrenceOfEveryValue(
            @ForAll @Size(min = 1, max = 6) List<@StringLength(min = 1, max = 6) @CharRange(from = 'a', to = 'c') String> values,
            @ForAll @StringLength(max = 60) @CharRange(from = 'a', to = 'c') String text) {
        assertMasksTheUnion(values, text);
    }

    /**
     * Values of two chars or more are let in at the root by their first pair, hashed on six
     * bits per char: these chars collide in pairs ({@code a ! á}, {@code b " â}), so the
     * filter lets in pairs that start no value, and must never keep out one that does.
     */
    @Property(tries = 2000)
    void thePairFilterAtTheRootNeverMissesAnOccurrence(
            @ForAll @Size(min = 1, max = 6) List<@StringLength(min = 2, max = 6) @Chars({'a', '!', '\u00e1', 'b', '"', '\u00e2'}) String> values,
            @ForAll @StringLength(max = 60) @Chars({'a', '!', '\u00e1', 'b', '"', '\u00e2'}) String text) {
        assertMasksTheUnion(values, text);
    }

    /** Long values over two chars share their starts and overlap: every occurrence is found. */
    @Property(tries = 1000)
    void fewLongValuesSharingTheirStartsAreFoundWhereverTheyOccur(
            @ForAll @Size(min = 1, max = 4) List<@StringLength(min = 17, max = 30) @CharRange(from = 'a', to = 'b') String> values,
            @ForAll @StringLength(max = 200) @CharRange(from = 'a', to = 'b') String text) {
        assertMasksTheUnion(values, text);
    }

    @Test
    void aValueEndingTheTextOrFillingItIsFound() {
        assertMasksTheUnion(List.of("xy"), "xy");
        assertMasksTheUnion(List.of("xy", "z"), "aaz");
        assertMasksTheUnion(List.of("secret"), "the secret");
    }

    /**
     * A string is scanned 1,024 chars at a time: values placed across and right at the
     * chunks' edges (a pair split by an edge, a value longer than a chunk) are found.
     */
    @Property(tries = 500)
    void valuesAcrossTheEdgesOfTheScannedChunksAreFound(
            @ForAll @IntRange(min = 1000, max = 3100) int at,
            @ForAll @IntRange(min = 2, max = 1500) int valueLength,
            @ForAll @IntRange(min = 0, max = 40) int after) {
        String value = "x" + "y".repeat(valueLength - 1);
        String text = "a".repeat(at) + value + "b".repeat(after);
        assertMasksTheUnion(List.of(value, "ab"), text);
    }

    @Test
    void aValueStartingAtTheLastCharOfAChunkIsFound() {
        assertMasksTheUnion(List.of("xy"), "a".repeat(1023) + "xy");
        assertMasksTheUnion(List.of("xy"), "a".repeat(1023) + "xya");
        assertMasksTheUnion(List.of("xy"), "a".repeat(1024) + "xy");
        assertMasksTheUnion(List.of("xyz"), "a".repeat(2046) + "xyz");
    }

    /** Many values branch often: the branch table grows and rehashes. */
    @Property(tries = 300)
    void manyBranchingValuesStillMaskTheUnion(
            @ForAll @Size(min = 20, max = 80) List<@StringLength(min = 1, max = 12) @CharRange(from = 'a', to = 'f') String> values,
            @ForAll @StringLength(max = 300) @CharRange(from = 'a', to = 'f') String text) {
        assertMasksTheUnion(values, text);
    }

    private static void assertMasksTheUnion(List<String> values, String text) {
        boolean[] expected = new boolean[text.length()];
        for (String value : values) {
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                for (int i = at; i < at + value.length(); i++) {
                    expected[i] = true;
                }
            }
        }
        boolean[] actual = new boolean[text.length()];
        ValueAutomaton automaton = ValueAutomaton.of(values.toArray(new String[0]));
        automaton.scan(text, (start, end) -> {
            assertThat(text.substring(start, end)).isIn(values);
            for (int i = start; i < end; i++) {
                actual[i] = true;
            }
            return true;
        });
        // the next try builds on the tables this one used (the thread's spare), stale states and all
        automaton.release();

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void anAutomatonBuiltOnTheTablesOfALargerOneFindsOnlyItsOwnValues() {
        ValueAutomaton large = ValueAutomaton.of(new String[] {"abcdefgh", "bcd", "xyzxyz", "hello-world"});
        large.release();
        ValueAutomaton small = ValueAutomaton.of(new String[] {"abx"});
        List<String> found = new ArrayList<>();
        String text = "abcdefgh xyzxyz hello-world abx";
        small.scan(text, (start, end) -> found.add(text.substring(start, end)));

        assertThat(found).containsExactly("abx");
    }

    @Test
    void anAutomatonUsedAfterItsReleaseThrowsRatherThanReadTablesItNoLongerOwns() {
        ValueAutomaton automaton = ValueAutomaton.of(new String[] {"secret"});
        automaton.release();
        ValueAutomaton owner = ValueAutomaton.of(new String[] {"other"});

        assertThatThrownBy(() -> automaton.scan("a secret", (start, end) -> true))
                .isInstanceOf(IllegalStateException.class);
        List<String> found = new ArrayList<>();
        owner.scan("other secret", (start, end) -> found.add("other secret".substring(start, end)));
        assertThat(found).containsExactly("other");
    }
}
