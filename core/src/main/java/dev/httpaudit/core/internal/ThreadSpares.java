package dev.httpaudit.core.internal;

import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Scratch objects (arrays) that each thread keeps between uses, so that steady work does not
 * allocate them anew every time: the capture arrays of bodies, the tables of redaction's
 * automaton. A spare is handed out by {@link #take}, which removes it from the thread's
 * slots: from then on the one user that took it owns it, whatever thread it later runs on,
 * until it gives it back with {@link #give} (on the thread it then runs on) and never touches
 * it again; so no two users ever hold the same spare, and nothing handed on (an event, a
 * queue) may hold one. Memory stays bounded: at most {@code slots} spares of at most
 * {@code maxSize} per thread; larger ones are left to the garbage collector.
 *
 * @param <T> the kind of spare (an array, or an array of arrays)
 */
public final class ThreadSpares<T> {

    private final int maxSize;
    private final int slots;
    private final ToIntFunction<T> sizeOf;
    private final ThreadLocal<@Nullable Object[]> spares;

    private ThreadSpares(int slots, int maxSize, ToIntFunction<T> sizeOf) {
        this.slots = slots;
        this.maxSize = maxSize;
        this.sizeOf = sizeOf;
        this.spares = ThreadLocal.withInitial(() -> new Object[slots]);
    }

    /**
     * Spares of which each thread keeps at most {@code slots}, each of size (as
     * {@code sizeOf} measures it) at most {@code maxSize}.
     */
    public static <T> ThreadSpares<T> of(int slots, int maxSize, ToIntFunction<T> sizeOf) {
        if (slots < 1 || maxSize < 1) {
            throw new IllegalArgumentException("slots and maxSize must be positive");
        }
        return new ThreadSpares<>(slots, maxSize, sizeOf);
    }

    /** The largest spare kept. */
    public int maxSize() {
        return maxSize;
    }

    /**
     * This thread's smallest spare of a size from {@code minSize} to {@code maxSize}
     * (inclusive), now the caller's; or {@code null} when it has none that fits.
     */
    public @Nullable T take(int minSize, int maxSize) {
        if (minSize > this.maxSize) {
            return null;
        }
        Object[] kept = spares.get();
        int best = -1;
        int bestSize = Integer.MAX_VALUE;
        for (int i = 0; i < slots; i++) {
            if (kept[i] != null) {
                int size = sizeOf.applyAsInt(cast(kept[i]));
                if (size >= minSize && size <= maxSize && size < bestSize) {
                    best = i;
                    bestSize = size;
                }
            }
        }
        if (best < 0) {
            return null;
        }
        T taken = cast(kept[best]);
        kept[best] = null;
        return taken;
    }

    /** As {@link #take(int, int)}, or a new one made by {@code make} for {@code size} when none fits. */
    public T takeOr(int size, IntFunction<T> make) {
        T spare = take(size, Integer.MAX_VALUE);
        return spare != null ? spare : make.apply(size);
    }

    /**
     * Gives {@code spare} to this thread's spares; the caller must not touch it again. Kept in
     * an empty slot, or in place of a smaller spare; else dropped (as is one too large).
     */
    public void give(T spare) {
        int size = sizeOf.applyAsInt(spare);
        if (size == 0 || size > maxSize) {
            return;
        }
        Object[] kept = spares.get();
        int smallest = -1;
        int smallestSize = Integer.MAX_VALUE;
        for (int i = 0; i < slots; i++) {
            if (kept[i] == null) {
                kept[i] = spare;
                return;
            }
            int keptSize = sizeOf.applyAsInt(cast(kept[i]));
            if (keptSize < smallestSize) {
                smallest = i;
                smallestSize = keptSize;
            }
        }
        if (smallestSize < size) {
            kept[smallest] = spare;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object spare) {
        return (T) spare;
    }
}
