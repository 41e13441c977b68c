package dev.httpaudit.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/**
 * The response body as the application writes it: every write and flush goes straight to
 * the container's stream (no buffering here, so streamed responses keep their pace), then
 * the bytes are offered to the exchange's capture. An {@link IOException} (the client went
 * away) is recorded as an abort and rethrown unchanged.
 */
final class TeeOutputStream extends ServletOutputStream {

    private final ServletOutputStream out;
    private final Exchange exchange;

    TeeOutputStream(ServletOutputStream out, Exchange exchange) {
        this.out = out;
        this.exchange = exchange;
    }

    ServletOutputStream delegate() {
        return out;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            exchange.clientAborted(e);
            throw e;
        }
        exchange.captureResponse(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            exchange.clientAborted(e);
            throw e;
        }
        exchange.captureResponse(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            exchange.clientAborted(e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            exchange.clientAborted(e);
            throw e;
        }
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        out.setWriteListener(writeListener == null ? null : new AuditedWriteListener(writeListener, exchange));
    }

    /** Puts the correlation ID in the MDC around callbacks, and records write errors as aborts. */
    private record AuditedWriteListener(WriteListener delegate, Exchange exchange) implements WriteListener {

        @Override
        public void onWritePossible() throws IOException {
            exchange.runInMdc(delegate::onWritePossible);
        }

        @Override
        public void onError(Throwable t) {
            exchange.clientAborted(t);
            String previous = exchange.mdcEnter();
            try {
                delegate.onError(t);
            } finally {
                exchange.mdcExit(previous);
            }
        }
    }
}
