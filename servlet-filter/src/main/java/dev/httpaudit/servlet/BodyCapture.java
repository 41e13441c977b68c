package dev.httpaudit.servlet;

import dev.httpaudit.core.internal.BoundedCapture;

/**
 * The tee copy of one body: the first bytes up to the capture limit (a core
 * {@link BoundedCapture}) plus a count of bytes that were only counted, never copied. The
 * count lets a writer past the limit report its size without encoding every character.
 */
final class BodyCapture {

    private final BoundedCapture kept;
    private final int limit;
    private long countedOnly;

    BodyCapture(int limit) {
        this.limit = limit;
        this.kept = new BoundedCapture(limit);
    }

    void write(int b) {
        kept.write(b);
    }

    void write(byte[] b, int off, int len) {
        kept.write(b, off, len);
    }

    /** Counts {@code bytes} that passed without being offered for copying. */
    void count(long bytes) {
        countedOnly += bytes;
    }

    /** Bytes that can still be copied before the limit. */
    int room() {
        return limit - kept.keptBytes();
    }

    /**
     * The copy was read for the last time: its array goes back to the current thread's
     * spares, and it keeps nothing from now on (see {@link BoundedCapture#release()}).
     */
    void release() {
        kept.release();
    }

    void reset() {
        kept.reset();
        countedOnly = 0;
    }

    long totalBytes() {
        return kept.totalBytes() + countedOnly;
    }

    int keptBytes() {
        return kept.keptBytes();
    }

    byte[] buffer() {
        return kept.buffer();
    }

    boolean truncated() {
        return totalBytes() > kept.keptBytes();
    }
}
