package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
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
