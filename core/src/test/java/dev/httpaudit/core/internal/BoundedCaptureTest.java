package dev.httpaudit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The tee behind body capture: keeps at most the limit, counts everything. */
class BoundedCaptureTest {

    @Test
    void keepsTheFirstBytesUpToTheLimitAndCountsAll() {
        BoundedCapture capture = new BoundedCapture(10);

        capture.write("hello ".getBytes(StandardCharsets.US_ASCII), 0, 6);
        capture.write('w');
        capture.write("xxorld and more".getBytes(StandardCharsets.US_ASCII), 2, 13);

        assertThat(capture.keptBytes()).isEqualTo(10);
        assertThat(capture.totalBytes()).isEqualTo(20);
        assertThat(capture.truncated()).isTrue();
        assertThat(new String(capture.buffer(), 0, capture.keptBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("hello worl");
        assertThat(capture.buffer().length).isLessThanOrEqualTo(10);
    }

    @Test
    void bodySmallerThanTheLimitIsKeptWholeAndNotTruncated() {
        BoundedCapture capture = new BoundedCapture(64 * 1024);

        capture.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, 7);

        assertThat(capture.truncated()).isFalse();
        assertThat(capture.text(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(capture.buffer().length).as("memory grows with what is kept").isLessThan(1024);
    }

    @Test
    void memoryNeverGrowsPastTheLimitWhateverTheStreamSize() {
        BoundedCapture capture = new BoundedCapture(1000);
        byte[] chunk = new byte[8192];
        for (int i = 0; i < 1000; i++) {
            capture.write(chunk, 0, chunk.length);
            capture.write(7);
        }

        assertThat(capture.buffer().length).isLessThanOrEqualTo(1000);
        assertThat(capture.keptBytes()).isEqualTo(1000);
        assertThat(capture.totalBytes()).isEqualTo(1000L * 8193);
    }

    @Test
    void zeroLimitKeepsNothingAndCountsEverything() {
        BoundedCapture capture = new BoundedCapture(0);

        capture.write(new byte[100], 0, 100);
        capture.write(1);

        assertThat(capture.keptBytes()).isZero();
        assertThat(capture.totalBytes()).isEqualTo(101);
        assertThat(capture.truncated()).isTrue();
        assertThat(capture.text(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void negativeLimitIsRejected() {
        assertThatThrownBy(() -> new BoundedCapture(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyAndNegativeLengthWritesChangeNothing() {
        BoundedCapture capture = new BoundedCapture(10);

        capture.write(new byte[5], 0, 0);
        capture.write(new byte[5], 2, -1);

        assertThat(capture.totalBytes()).isZero();
        assertThat(capture.keptBytes()).isZero();
    }

    @Test
    void resetForgetsEverythingAndCaptureStartsAfresh() {
        BoundedCapture capture = new BoundedCapture(4);
        capture.write("abcdefgh".getBytes(StandardCharsets.US_ASCII), 0, 8);

        capture.reset();

        assertThat(capture.totalBytes()).isZero();
        assertThat(capture.keptBytes()).isZero();
        assertThat(capture.truncated()).isFalse();
        assertThat(capture.text(StandardCharsets.UTF_8)).isEmpty();

        capture.write("xyz".getBytes(StandardCharsets.US_ASCII), 0, 3);
        assertThat(capture.text(StandardCharsets.UTF_8)).isEqualTo("xyz");
        assertThat(capture.totalBytes()).isEqualTo(3);
        assertThat(capture.truncated()).isFalse();
    }

    @Test
    void textOfABodyCutInsideACharacterDropsTheHalfCharacter() {
        byte[] body = "ab漢字".getBytes(StandardCharsets.UTF_8); // 2 + 3 + 3 bytes
        BoundedCapture capture = new BoundedCapture(6);

        capture.write(body, 0, body.length);

        assertThat(capture.text(StandardCharsets.UTF_8)).isEqualTo("ab漢");
        assertThat(capture.totalBytes()).isEqualTo(body.length);
    }

    @Test
    void textOfABodyCutInsideASurrogatePairDropsThePair() {
        byte[] body = "a\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // 1 + 4 bytes
        for (int limit = 1; limit < body.length; limit++) {
            BoundedCapture capture = new BoundedCapture(limit);
            capture.write(body, 0, body.length);

            assertThat(capture.text(StandardCharsets.UTF_8)).as("limit %d", limit).isEqualTo("a");
        }
    }

    @Test
    void completeBodyEndingInAnIncompleteSequenceShowsAReplacement() {
        BoundedCapture capture = new BoundedCapture(100);
        capture.write(new byte[] {'a', (byte) 0xE6}, 0, 2);

        assertThat(capture.text(StandardCharsets.UTF_8)).isEqualTo("a\uFFFD");
    }

    @Property(tries = 300)
    void keepsExactlyThePrefixUpToTheLimitOfAnyChunkSequence(
            @ForAll @Size(max = 20) List<@Size(max = 300) byte[]> chunks,
            @ForAll @IntRange(max = 2000) int limit, @ForAll boolean byteByByte) {
        BoundedCapture capture = new BoundedCapture(limit);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            if (byteByByte) {
                for (byte b : chunk) {
                    capture.write(b);
                }
            } else {
                // offer the chunk from inside a larger array, as streams do
                byte[] padded = new byte[chunk.length + 6];
                System.arraycopy(chunk, 0, padded, 3, chunk.length);
                capture.write(padded, 3, chunk.length);
            }
            all.write(chunk, 0, chunk.length);
        }
        byte[] offered = all.toByteArray();

        assertThat(capture.totalBytes()).isEqualTo(offered.length);
        assertThat(capture.keptBytes()).isEqualTo(Math.min(limit, offered.length));
        assertThat(capture.truncated()).isEqualTo(offered.length > limit);
        assertThat(capture.buffer().length).isLessThanOrEqualTo(limit);
        assertThat(Arrays.copyOf(capture.buffer(), capture.keptBytes()))
                .isEqualTo(Arrays.copyOf(offered, capture.keptBytes()));
    }

    // ---- release and the thread's spare arrays (each test on a thread of its own, so the
    // spares it leaves do not reach the other tests) ----

    @Test
    void aReleasedCapturesArrayIsReusedByTheNextCaptureOnTheThreadAndHoldsOnlyItsBytes() throws Exception {
        onOwnThread(() -> {
            BoundedCapture first = new BoundedCapture(64 * 1024);
            first.write(ascii("first body, a secret"), 0, 20);
            byte[] array = first.buffer();
            first.release();

            BoundedCapture second = new BoundedCapture(64 * 1024);
            second.write(ascii("next"), 0, 4);

            assertThat(second.buffer()).as("the spare array is reused").isSameAs(array);
            assertThat(second.text(StandardCharsets.US_ASCII)).isEqualTo("next");
            assertThat(second.keptBytes()).isEqualTo(4);
        });
    }

    @Test
    void aReleasedCaptureKeepsNothingMoreAndNeverWritesIntoTheArrayItGaveBack() throws Exception {
        onOwnThread(() -> {
            BoundedCapture released = new BoundedCapture(1024);
            released.write(ascii("abc"), 0, 3);
            released.release();
            BoundedCapture owner = new BoundedCapture(1024);
            owner.write(ascii("xyz"), 0, 3);

            // a stale writer after the end of its exchange
            released.write(ascii("LEAK"), 0, 4);
            released.write('!');

            assertThat(released.keptBytes()).isZero();
            assertThat(released.buffer()).isEmpty();
            assertThat(released.totalBytes()).as("still counts").isEqualTo(8);
            assertThat(owner.text(StandardCharsets.US_ASCII)).isEqualTo("xyz");
            assertThat(new String(owner.buffer(), StandardCharsets.US_ASCII)).doesNotContain("LEAK");
        });
    }

    @Test
    void twoLiveCapturesNeverShareAnArray() throws Exception {
        onOwnThread(() -> {
            BoundedCapture a = new BoundedCapture(1024);
            a.write(new byte[300], 0, 300);
            a.release();
            BoundedCapture b = new BoundedCapture(1024);
            BoundedCapture c = new BoundedCapture(1024);
            b.write(ascii("bb"), 0, 2);
            c.write(ascii("cc"), 0, 2);

            assertThat(b.buffer()).isNotSameAs(c.buffer());
            assertThat(b.text(StandardCharsets.US_ASCII)).isEqualTo("bb");
            assertThat(c.text(StandardCharsets.US_ASCII)).isEqualTo("cc");
        });
    }

    @Test
    void aSpareIsNeverLargerThanTheLimitOfTheCaptureThatTakesIt() throws Exception {
        onOwnThread(() -> {
            BoundedCapture big = new BoundedCapture(64 * 1024);
            big.write(new byte[4096], 0, 4096);
            big.release();
            BoundedCapture small = new BoundedCapture(100);
            small.write(new byte[50], 0, 50);

            assertThat(small.buffer().length).isLessThanOrEqualTo(100);
        });
    }

    @Test
    void arraysLargerThanTheSpareLimitAreNotKept() throws Exception {
        onOwnThread(() -> {
            BoundedCapture large = new BoundedCapture(64 * 1024);
            large.write(new byte[BoundedCapture.MAX_SPARE_LENGTH + 1], 0, BoundedCapture.MAX_SPARE_LENGTH + 1);
            byte[] array = large.buffer();
            large.release();
            BoundedCapture next = new BoundedCapture(64 * 1024);
            next.write(new byte[BoundedCapture.MAX_SPARE_LENGTH], 0, BoundedCapture.MAX_SPARE_LENGTH);

            assertThat(next.buffer()).isNotSameAs(array);
        });
    }

    @Test
    void anArrayReleasedOnOneThreadIsNotHandedOutOnAnother() throws Exception {
        byte[][] released = new byte[1][];
        onOwnThread(() -> {
            BoundedCapture capture = new BoundedCapture(1024);
            capture.write(new byte[200], 0, 200);
            released[0] = capture.buffer();
            capture.release();
        });
        onOwnThread(() -> {
            BoundedCapture other = new BoundedCapture(1024);
            other.write(new byte[200], 0, 200);
            assertThat(other.buffer()).isNotSameAs(released[0]);
        });
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs {@code body} on a new thread and rethrows what it threw. */
    private static void onOwnThread(Runnable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] instanceof Error error) {
            throw error;
        }
        if (failure[0] instanceof Exception exception) {
            throw exception;
        }
    }

    @Test
    void aByteBufferIsTeedWithoutMovingItsPositionAndOnlyCountedPastTheLimit() {
        BoundedCapture capture = new BoundedCapture(5);
        java.nio.ByteBuffer heap = java.nio.ByteBuffer.wrap("xxabc".getBytes(StandardCharsets.US_ASCII));
        heap.position(2);
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(4).put("defg".getBytes(StandardCharsets.US_ASCII));
        direct.flip();

        capture.write(heap);
        capture.write(direct);

        assertThat(heap.position()).isEqualTo(2);
        assertThat(direct.position()).isZero();
        assertThat(capture.totalBytes()).isEqualTo(7);
        assertThat(capture.truncated()).isTrue();
        assertThat(capture.text(StandardCharsets.US_ASCII)).isEqualTo("abcde");
    }
}
