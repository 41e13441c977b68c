package dev.httpaudit.core.internal;

import java.util.Arrays;

/**
 * A copy of the first bytes of a stream, up to a limit, that counts every byte it is
 * offered: the tee behind body capture. Memory grows with what is kept, never past the
 * limit, whatever the stream's size. Not thread-safe: one stream, one capture.
 *
 * <p>Its array is taken, where one fits, from the spares the current thread keeps
 * ({@link ThreadSpares}), and handed back by {@link #release()} once the kept bytes have been
 * read for the last time (decoded into the event's text): a capture that is released keeps
 * nothing from then on, so the array, owned again by the spares, is never written or read
 * through it. One that is never released simply leaves its array to the garbage collector.
 */
public final class BoundedCapture {

    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];
    /** The largest array kept per thread: bodies of typical API calls fit, large downloads are not kept. */
    static final int MAX_SPARE_LENGTH = 8 * 1024;
    /** Two per thread: one exchange's request and response. */
    private static final ThreadSpares<byte[]> SPARES = ThreadSpares.of(2, MAX_SPARE_LENGTH, array -> array.length);

    private int limit;
    private byte[] buffer;
    private int kept;
    private long total;

    /** A capture that keeps at most {@code limit} bytes (0 keeps none, and only counts). */
    public BoundedCapture(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("capture limit must not be negative, was " + limit);
        }
        this.limit = limit;
        // allocated on the first write, sized for it: most bodies come in one or a few writes
        this.buffer = EMPTY;
    }

    /** Offers one byte. */
    public void write(int b) {
        total++;
        if (kept < limit) {
            ensureCapacity(kept + 1);
            buffer[kept++] = (byte) b;
        }
    }

    /** Offers {@code len} bytes of {@code b} from {@code off}. */
    public void write(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        total += len;
        int room = limit - kept;
        if (room > 0) {
            int n = Math.min(room, len);
            ensureCapacity(kept + n);
            System.arraycopy(b, off, buffer, kept, n);
            kept += n;
        }
    }

    /** Forgets everything offered so far (for {@code reset()} / {@code resetBuffer()}). */
    public void reset() {
        kept = 0;
        total = 0;
    }

    /** Every byte offered since creation or the last reset. */
    public long totalBytes() {
        return total;
    }

    /** The bytes kept. */
    public int keptBytes() {
        return kept;
    }

    /** True when more was offered than kept. */
    public boolean truncated() {
        return total > kept;
    }

    /** The backing array; only the first {@link #keptBytes()} bytes are valid. */
    public byte[] buffer() {
        return buffer;
    }

    /** The kept bytes decoded as text (see {@link BodyText#decode}). */
    public String text(java.nio.charset.Charset charset) {
        return BodyText.decode(buffer, kept, charset, truncated());
    }

    /**
     * Hands the array back to the current thread's spares: the caller has read the kept bytes
     * for the last time. From then on the capture keeps nothing (it still counts what it is
     * offered) and its {@link #buffer()} is empty.
     */
    public void release() {
        byte[] released = buffer;
        buffer = EMPTY;
        limit = 0;
        kept = 0;
        SPARES.give(released);
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length && buffer.length == 0) {
            byte[] spare = SPARES.take(needed, limit);
            if (spare != null) {
                buffer = spare;
                return;
            }
        }
        if (needed > buffer.length) {
            int grown = (int) Math.min(limit, Math.max(needed, Math.max((long) buffer.length * 2, INITIAL_CAPACITY)));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }
}
