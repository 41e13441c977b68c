package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodedViewTest {

    private static final int ALL = DecodedView.JSON | DecodedView.PERCENT;

    private static String span(DecodedView view, int from, int to) {
        return "[" + view.originalStart(from) + "," + view.originalEnd(to - 1) + ")";
    }

    @Test
    void percentEscapesDecodeAsUtf8AndMapBackToTheWholeSequence() {
        DecodedView view = DecodedView.of("a%C3%A9b", ALL, true);

        assertThat(view.text()).isEqualTo("aéb");
        assertThat(span(view, 1, 2)).isEqualTo("[1,7)");
        assertThat(span(view, 0, 3)).isEqualTo("[0,8)");
    }

    @Test
    void aByteThatIsNotUtf8ReadsAsLatin1AndAMalformedEscapeAsItself() {
        assertThat(DecodedView.of("caf%E9 %zz %4", ALL, true).text()).isEqualTo("café %zz %4");
    }

    @Test
    void jsonEscapesIncludingSurrogatePairsDecode() {
        DecodedView view = DecodedView.of("x\\u0041\\\"\\n\\uD83D\\uDE00\\q", ALL, true);

        assertThat(view.text()).isEqualTo("xA\"\n\uD83D\uDE00\\q");
        assertThat(span(view, 1, 2)).isEqualTo("[1,7)");
    }

    @Test
    void fourByteUtf8BecomesTwoCharsBothMappedToTheSequence() {
        DecodedView view = DecodedView.of("%F0%9F%98%80", ALL, true);

        assertThat(view.text()).isEqualTo("\uD83D\uDE00");
        assertThat(span(view, 0, 1)).isEqualTo("[0,12)");
        assertThat(span(view, 1, 2)).isEqualTo("[0,12)");
    }

    @Test
    void eachKindOfEscapeIsDecodedOnlyInTheViewsThatAskForIt() {
        assertThat(DecodedView.of("\\u0061%aa", DecodedView.JSON, true).text()).isEqualTo("a%aa");
        assertThat(DecodedView.of("\\u0061%41", DecodedView.PERCENT, true).text()).isEqualTo("\\u0061A");
        assertThat(DecodedView.modesFor("plain")).isEmpty();
        assertThat(DecodedView.modesFor("a\\nb")).containsExactly(DecodedView.JSON);
        assertThat(DecodedView.modesFor("a+b\\n%20")).containsExactly(DecodedView.JSON, DecodedView.PERCENT,
                DecodedView.PERCENT | DecodedView.PLUS, DecodedView.JSON | DecodedView.PERCENT | DecodedView.PLUS);
    }

    @Test
    void plusIsASpaceOnlyWhenAskedFor() {
        assertThat(DecodedView.of("a+b%2B", DecodedView.PERCENT | DecodedView.PLUS, true).text()).isEqualTo("a b+");
        assertThat(DecodedView.of("a+b%2B", DecodedView.PERCENT, true).text()).isEqualTo("a+b+");
        assertThat(DecodedView.of("plain", ALL | DecodedView.PLUS, true).decodedAny()).isFalse();
        assertThat(DecodedView.of("a+b", DecodedView.PERCENT | DecodedView.PLUS, true).decodedAny()).isTrue();
    }
}
