package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventRowTest {

    @Test
    void aColumnValueIsCutToTheColumnWithoutSplittingASurrogatePair() {
        assertThat(EventRow.column("abcdef", 4)).isEqualTo("abcd");
        assertThat(EventRow.column("abc\uD83D\uDE00", 4)).isEqualTo("abc");
        assertThat(EventRow.column("ab\uD83D\uDE00", 4)).isEqualTo("ab\uD83D\uDE00");
        assertThat(EventRow.column("short", 64)).isSameAs("short");
    }

    @Test
    void nulAndUnpairedSurrogatesBecomeTheReplacementCharacter() {
        assertThat(EventRow.column("a\u0000b", 64)).isEqualTo("a\uFFFDb");
        assertThat(EventRow.column("a\uD83Db", 64)).isEqualTo("a\uFFFDb");
        assertThat(EventRow.column("a\uDE00b\uD83D\uDE00", 64)).isEqualTo("a\uFFFDb\uD83D\uDE00");
        assertThat(EventRow.column("end\uD83D", 64)).isEqualTo("end\uFFFD");
    }
}
