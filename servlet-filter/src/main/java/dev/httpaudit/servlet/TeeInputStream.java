package dev.httpaudit.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The request body as the application reads it: every read goes to the container's stream,
 * and what it returns is offered to the request body's capture (which copies up to the limit and
 * counts the rest). Non-blocking I/O passes straight through; an {@link IOException} is
 * recorded as a client abort and rethrown unchanged.
 */
final class TeeInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final RequestBodyTap tap;
    private final ExchangeOutcome outcome;
    private final CorrelationMdc mdc;

    TeeInputStream(ServletInputStream in, RequestBodyTap tap, ExchangeOutcome outcome, CorrelationMdc mdc) {
        this.in = in;
        this.tap = tap;
        this.outcome = outcome;
        this.mdc = mdc;
    }

    ServletInputStream delegate() {
        return in;
    }

    @Override
    public int read() throws IOException {
        tap.bodyRead();
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            outcome.clientAborted(e);
            throw e;
        }
        if (b >= 0) {
            tap.capture(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return teed(b, off, () -> in.read(b, off, len));
    }

    @Override
    public int readLine(byte[] b, int off, int len) throws IOException {
        return teed(b, off, () -> in.readLine(b, off, len));
    }

    /** A bulk read of the container's stream into {@code b} at {@code off}. */
    @FunctionalInterface
    private interface BulkRead {
        int read() throws IOException;
    }

    /** Runs a bulk read, copies what it read, and records an I/O error as a client abort. */
    private int teed(byte[] b, int off, BulkRead read) throws IOException {
        tap.bodyRead();
        int n;
        try {
            n = read.read();
        } catch (IOException e) {
            outcome.clientAborted(e);
            throw e;
        }
        if (n > 0) {
            tap.capture(b, off, n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(@Nullable ReadListener readListener) {
        in.setReadListener(readListener == null ? null : new AuditedReadListener(readListener, outcome, mdc));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Puts the correlation ID in the MDC around callbacks, and records read errors as aborts. */
    private record AuditedReadListener(ReadListener delegate, ExchangeOutcome outcome, CorrelationMdc mdc)
            implements ReadListener {

        @Override
        public void onDataAvailable() throws IOException {
            mdc.run(delegate::onDataAvailable);
        }

        @Override
        public void onAllDataRead() throws IOException {
            mdc.run(delegate::onAllDataRead);
        }

        @Override
        public void onError(Throwable t) {
            outcome.clientAborted(t);
            mdc.runErrorCallback(() -> delegate.onError(t));
        }
    }
}
