package dev.httpaudit.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Capture arrays kept by each thread between exchanges, so that a steady stream of small
 * bodies does not allocate a new array per body. An array is handed out by {@link #take},
 * which removes it from the thread's slots: from then on the one capture that took it owns
 * it, whatever thread it later runs on, until it gives it back with {@link #give} (on the
 * thread that ends the exchange), so no two captures ever hold the same array. Memory stays
 * bounded: at most {@link #SLOTS} arrays of at most {@link #MAX_LENGTH} bytes per thread;
 * larger arrays are left to the garbage collector.
 */
final class SpareArrays {

    /** The largest array kept: bodies of typical API calls fit, large downloads are not kept. */
    static final int MAX_LENGTH = 8 * 1024;
    /** Arrays kept per thread: one exchange's request and response. */
    static final int SLOTS = 2;

    private static final ThreadLocal<byte[][]> SPARES = ThreadLocal.withInitial(() -> new byte[SLOTS][]);

    private SpareArrays() {
    }

    /**
     * This thread's smallest spare array of at least {@code length} and at most
     * {@code maxLength} bytes (a capture's limit), now the caller's; or null.
     */
    static byte @Nullable [] take(int length, int maxLength) {
        if (length > MAX_LENGTH) {
            return null;
        }
        byte[][] spares = SPARES.get();
        int best = -1;
        for (int i = 0; i < SLOTS; i++) {
            byte[] spare = spares[i];
            if (spare != null && spare.length >= length && spare.length <= maxLength
                    && (best < 0 || spare.length < spares[best].length)) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        byte[] taken = spares[best];
        spares[best] = null;
        return taken;
    }

    /**
     * Gives {@code array} to this thread's spares; the caller must not touch it again. Kept
     * in an empty slot, or in place of a smaller spare; else dropped.
     */
    static void give(byte[] array) {
        if (array.length == 0 || array.length > MAX_LENGTH) {
            return;
        }
        byte[][] spares = SPARES.get();
        int smallest = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (spares[i] == null) {
                spares[i] = array;
                return;
            }
            if (spares[i].length < spares[smallest].length) {
                smallest = i;
            }
        }
        if (spares[smallest].length < array.length) {
            spares[smallest] = array;
        }
    }
}
