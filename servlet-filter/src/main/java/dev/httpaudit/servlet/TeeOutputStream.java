package dev.httpaudit.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The response body as the application writes it: every write and flush goes straight to
 * the container's stream (no buffering here, so streamed responses keep their pace), then
 * the bytes are offered to the response body's capture. An {@link IOException} (the client went
 * away) is recorded as an abort and rethrown unchanged.
 */
final class TeeOutputStream extends ServletOutputStream {

    private final ServletOutputStream out;
    private final ResponseBodyTap tap;
    private final ExchangeOutcome outcome;
    private final CorrelationMdc mdc;

    TeeOutputStream(ServletOutputStream out, ResponseBodyTap tap, ExchangeOutcome outcome, CorrelationMdc mdc) {
        this.out = out;
        this.tap = tap;
        this.outcome = outcome;
        this.mdc = mdc;
    }

    ServletOutputStream delegate() {
        return out;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            outcome.clientAborted(e);
            throw e;
        }
        tap.capture(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            outcome.clientAborted(e);
            throw e;
        }
        tap.capture(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            outcome.clientAborted(e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            outcome.clientAborted(e);
            throw e;
        }
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void setWriteListener(@Nullable WriteListener writeListener) {
        out.setWriteListener(writeListener == null ? null : new AuditedWriteListener(writeListener, outcome, mdc));
    }

    /** Puts the correlation ID in the MDC around callbacks, and records write errors as aborts. */
    private record AuditedWriteListener(WriteListener delegate, ExchangeOutcome outcome, CorrelationMdc mdc)
            implements WriteListener {

        @Override
        public void onWritePossible() throws IOException {
            mdc.run(delegate::onWritePossible);
        }

        @Override
        public void onError(Throwable t) {
            outcome.clientAborted(t);
            mdc.runErrorCallback(() -> delegate.onError(t));
        }
    }
}
