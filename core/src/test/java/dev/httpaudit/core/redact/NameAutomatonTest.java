package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameAutomatonTest {

    private static final List<String> TERMS = List.of("password", "passwd", "secret", "token", "pin", "ssn",
            "apikey", "sswor", "passwört");
    private static final NameAutomaton AUTOMATON = new NameAutomaton(TERMS);

    @ParameterizedTest
    @ValueSource(strings = {"{\"password\":1}", "PassWord", "pass-word", "p_a.s+s w\to\nr\u00a0d", "api_Key",
            "xxpasspasswdxx", "ssssn", "spin", "a=to ken", "Passw\u00d6rt", "x%41", "{\"a\\u0070\":1}", "\\"})
    void saysMaybeWhenATermOrAnEscapeOccurs(String text) {
        assertThat(AUTOMATON.mayOccurIn(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"id\":7,\"status\":\"new\",\"lines\":[{\"sku\":\"BOOK-1\"}]}", "passwo",
            "pas swo", "tokn", "p|in", "sn", "paswort"})
    void saysNoWhenNoTermCanOccur(String text) {
        assertThat(AUTOMATON.mayOccurIn(text)).as(text).isFalse();
    }

    @Test
    void lowerCasesNonAsciiCharsAsNormalizationDoes() {
        // U+212A KELVIN SIGN lower-cases to an ASCII k: SensitiveNames.normalize("to\u212Aen") is "token"
        assertThat(SensitiveNames.normalize("to\u212Aen")).isEqualTo("token");
        assertThat(AUTOMATON.mayOccurIn("\"to\u212Aen\":1")).isTrue();
    }

    @Test
    void aOneCharTermIsFoundWhereverItStands() {
        // no pair can rule out a position where a one-char term stands
        NameAutomaton automaton = new NameAutomaton(List.of("q", "token"));
        assertThat(automaton.mayOccurIn("{\"aq\":1}")).isTrue();
        assertThat(automaton.mayOccurIn("Q")).isTrue();
        assertThat(automaton.mayOccurIn("{\"a\":1}")).isFalse();
    }

    @Test
    void aTermSplitBySkippedCharsRightAfterItsFirstCharIsFound() {
        // the pair check at the first char cannot see past a skipped char: it walks the table instead
        assertThat(AUTOMATON.mayOccurIn("t-oken")).isTrue();
        assertThat(AUTOMATON.mayOccurIn("p\u00a0assword")).isTrue();
        assertThat(AUTOMATON.mayOccurIn("xt")).isFalse();
    }

    @Test
    void withoutTermsNothingCanOccur() {
        assertThat(new NameAutomaton(List.of()).mayOccurIn("password %\\")).isFalse();
    }

    @Property(tries = 2000)
    void agreesWithNormalizingTheWholeTextAndSearchingEachTerm(@ForAll("texts") String text) {
        String normalized = SensitiveNames.normalize(text.replace("%", "").replace("\\", ""));
        boolean reference = text.indexOf('%') >= 0 || text.indexOf('\\') >= 0
                || TERMS.stream().anyMatch(normalized::contains);
        assertThat(AUTOMATON.mayOccurIn(text)).as(text).isEqualTo(reference);
    }

    @Provide
    Arbitrary<String> texts() {
        // term fragments, separators and case changes, so that near misses and overlaps are common
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("pass", "word", "wd", "sec", "ret", "to", "ken", "pi", "n", "ss", "api", "key", "wört",
                        "PASS", "Word", "SSN", "\u212A", "\u00d6"),
                Arbitraries.of("-", "_", ".", "+", " ", "\t", "\"", ":", "{", "}", ",", "=", "%", "\\", "x", "1"));
        return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
    }
}
