package dev.httpaudit.core.sink;

import java.io.ByteArrayOutputStream;

/**
 * One thread's reused buffer for the JSON of one event: read in place (no copy), emptied after
 * each line, and given up when one huge event made it large, so that it does not hold that
 * memory for the thread's life.
 */
final class LineBuffer extends ByteArrayOutputStream {

    private static final int INITIAL_BYTES = 8 * 1024;
    private static final int LARGEST_KEPT_BYTES = 256 * 1024;

    LineBuffer() {
        super(INITIAL_BYTES);
    }

    /** The buffer itself; its first {@link #size()} bytes are the content. */
    byte[] bytes() {
        return buf;
    }

    /** Empties the buffer for the next line, shrinking it back if it grew past 256 KB. */
    void release() {
        reset();
        if (buf.length > LARGEST_KEPT_BYTES) {
            buf = new byte[INITIAL_BYTES];
        }
    }
}
