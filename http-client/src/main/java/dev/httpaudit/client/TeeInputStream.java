package dev.httpaudit.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body stream that copies what the application reads into the call's bounded
 * capture. Its end, or its close, ends the call; a read that fails records the failure
 * (a read timeout, a reset) and is rethrown.
 */
final class TeeInputStream extends FilterInputStream {

    private final OutgoingCall call;

    TeeInputStream(InputStream in, OutgoingCall call) {
        super(in);
        this.call = call;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException | RuntimeException e) {
            call.fail(e);
            throw e;
        }
        if (b < 0) {
            call.complete();
        } else {
            call.responseBody().write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            call.fail(e);
            throw e;
        }
        if (n < 0) {
            call.complete();
        } else {
            call.responseBody().write(b, off, n);
        }
        return n;
    }

    /** Skipped bytes are not seen: read them instead, so that they are counted and teed. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would tee the same bytes twice
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            call.complete();
        }
    }
}
