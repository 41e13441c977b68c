package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Per-thread spares: a spare has one owner at a time, fits what was asked, and memory stays bounded. */
class ThreadSparesTest {

    private final ThreadSpares<byte[]> spares = ThreadSpares.of(2, 1000, array -> array.length);

    @Test
    void aSpareTakenIsTheCallersAloneUntilGivenBack() {
        byte[] array = new byte[100];
        spares.give(array);

        assertThat(spares.take(10, 1000)).isSameAs(array);
        assertThat(spares.take(10, 1000)).as("no second owner").isNull();
    }

    @Test
    void theSmallestSpareThatFitsIsTaken() {
        byte[] small = new byte[50];
        byte[] large = new byte[500];
        spares.give(large);
        spares.give(small);

        assertThat(spares.take(60, 1000)).isSameAs(large);
        assertThat(spares.take(10, 40)).as("none within the bounds").isNull();
        assertThat(spares.take(10, 1000)).isSameAs(small);
    }

    @Test
    void sparesTooLargeAreDroppedAndAFullSetKeepsTheLargest() {
        spares.give(new byte[1001]);
        assertThat(spares.take(1, Integer.MAX_VALUE)).isNull();

        byte[] a = new byte[10];
        byte[] b = new byte[20];
        byte[] c = new byte[30];
        spares.give(a);
        spares.give(b);
        spares.give(c);

        assertThat(spares.take(1, Integer.MAX_VALUE)).isSameAs(b);
        assertThat(spares.take(1, Integer.MAX_VALUE)).isSameAs(c);
        assertThat(spares.take(1, Integer.MAX_VALUE)).as("at most two kept").isNull();
    }

    @Test
    void eachThreadHasItsOwnSpares() throws Exception {
        byte[] array = new byte[100];
        spares.give(array);

        byte[] onOtherThread = CompletableFuture.supplyAsync(() -> spares.take(1, 1000)).get();

        assertThat(onOtherThread).isNull();
        assertThat(spares.take(1, 1000)).isSameAs(array);
    }

    @Test
    void takeOrMakesOneWhenNoneFits() {
        assertThat(spares.takeOr(64, byte[]::new)).hasSize(64);
        assertThatThrownBy(() -> ThreadSpares.of(0, 10, (byte[] x) -> x.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
