package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpliceTest {

    @Test
    void nothingReplacedGivesBackTheSameInstance() {
        String text = new String("password=secret");
        Splice splice = new Splice(text);

        assertThat(splice.changed()).isFalse();
        assertThat(splice.result()).isSameAs(text);
    }

    @Test
    void replacedRangesKeepEverythingAroundThem() {
        Splice splice = new Splice("a=1&b=22&c=333");
        splice.replace(2, 3, "***");
        splice.replace(11, 14, "");

        assertThat(splice.changed()).isTrue();
        assertThat(splice.result()).isEqualTo("a=***&b=22&c=");
    }

    @Test
    void aRangeBeforeThePreviousOneIsRejected() {
        Splice splice = new Splice("abcdef");
        splice.replace(3, 5, "x");

        assertThatThrownBy(() -> splice.replace(2, 4, "y")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> splice.replace(5, 7, "y")).isInstanceOf(IllegalStateException.class);
    }
}
